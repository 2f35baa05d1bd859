/**
 * Faith words (SPEC §2.1, §5, §11): faith is private, so no sentence shown to a person, no
 * prompt and no embedding text may carry a word that reveals it. This is the maintained list:
 * religions and their followers, denominations, places of worship, scriptures, clergy,
 * practices, festivals and dress, in English and in the languages most travellers write
 * (German, French, Spanish, Italian, Portuguese, Turkish, common Hindi and Urdu
 * transliterations). Entries are written as a reader spells them; they are normalised (case,
 * accents, apostrophes) before use, so "Chrétien", "chretien" and "CHRÉTIEN" are one entry and
 * "Baháʼí", "Baha'i" and "Bahai" another. They are matched as whole words (see terms.ts).
 *
 * Notation: "stem|a|b" stands for stem, stem+a and stem+b ("christian|s|ity").
 *
 * A few vocabulary values are faith proxies too: the value `spirituality` and the diets `halal`
 * and `kosher` say as much as a religion would. They are on the list, and the helpers below keep
 * any value that is on it out of embedding texts, prompts, chips and explanations.
 */
import { normalizeText } from './normalize';
import { type Span, TermMatcher } from './terms';

const ENGLISH = [
  // Faith in general
  'faith|s|ful', 'religion|s', 'religious|ly|ness', 'religiosity', 'belief|s', 'believer|s', 'nonbeliever|s',
  'unbeliever|s', 'devout|ly', 'pious', 'piety', 'spiritual|ly|ity|ism', 'holy land', 'holy week', 'holy communion',
  'first communion', 'born again', 'god|s|dess|desses|ly', 'godfearing', 'god fearing', 'allah', 'jesus', 'christ',
  'yahweh', 'jehovah', 'buddha', 'dalai lama', 'pray|s|ed|er|ers|ing', 'worship|s|ed|er|ers|ing|ped|per|pers|ping',
  'sermon|s', 'pilgrim|s|age|ages', 'hajj', 'haj', 'hajji', 'umrah', 'baptism|s', 'baptised', 'baptized',
  'blasphemy', 'heathen|s', 'infidel|s', 'sacrament|s', 'scripture|s', 'bible|s', 'biblical', 'gospel|s',
  'quran', 'koran', 'torah', 'talmud', 'veda|s|nta', 'vedic', 'upanishad|s', 'bhagavad gita',
  'guru granth sahib', 'tripitaka', 'avesta', 'mecca', 'makkah',
  // Places of worship and clergy
  'church|es|goer|goers|going', 'chapel|s', 'mosque|s', 'masjid|s', 'temple|s', 'synagogue|s', 'shul', 'gurdwara|s',
  'gurudwara|s', 'mandir|s', 'priest|s|ess|hood', 'pastor|s', 'rabbi|s|nic|nical', 'imam|s', 'mullah|s', 'ayatollah|s',
  'pope', 'papacy', 'papal', 'clergy', 'clergyman', 'cleric|s', 'monastic', 'nunnery',
  // Religions, denominations, their followers
  'christian|s|ity|dom', 'catholic|s|ism', 'roman catholic|s', 'protestant|s|ism', 'orthodox|y', 'evangelical|s|ism',
  'evangelist|s', 'pentecostal|s|ism', 'lutheran|s|ism', 'baptist|s', 'methodist|s',
  'methodism', 'anglican|s|ism', 'episcopalian|s', 'presbyterian|s|ism', 'calvinist|s', 'calvinism', 'quaker|s',
  'mennonite|s', 'amish', 'mormon|s|ism', 'latter day saint|s', 'jehovahs witness|es', 'adventist|s', 'coptic',
  'copt|s', 'maronite|s', 'unitarian|s|ism', 'church of england', 'christadelphian|s',
  'muslim|s|a|as|ah', 'moslem|s', 'islam', 'islamic', 'islamist|s', 'sunni|s', 'sunnite|s', 'shia|s', 'shiite|s',
  'shiism', 'ahmadi|s|yya', 'sufi|s|sm', 'salafi|s|st|sts', 'wahhabi|s|sm', 'ismaili|s', 'alawite|s', 'druze',
  'jew|s|ess|ry', 'jewish', 'judaism', 'judaic', 'hasid|ic|im', 'chassidic', 'haredi|m', 'kabbalah', 'zionism',
  'hindu|s|ism|tva', 'vaishnav|a|ism', 'shaivite|s', 'shaivism', 'brahmin|s', 'sikh|s|ism', 'khalsa',
  'jain|s|a|ism', 'buddhist|s', 'buddhism', 'theravada', 'mahayana', 'vajrayana', 'taoist|s', 'taoism', 'daoist|s',
  'daoism', 'confucian|s|ism', 'shinto|ism', 'zoroastrian|s|ism', 'parsi|s', 'parsee|s', 'bahai|s', 'bahaism',
  'rastafari|an|ans|anism', 'wicca|n|ns', 'pagan|s|ism', 'neopagan|s', 'yazidi|s', 'alevi|s', 'scientology',
  'scientologist|s', 'atheist|s|ic', 'atheism', 'agnostic|s|ism', 'deist|s', 'deism', 'theist|s', 'theism',
  'monotheist|s|ic', 'polytheist|s|ic', 'irreligious', 'animism', 'animist|s', 'candomble', 'umbanda', 'santeria',
  'voodoo', 'vodou',
  // Practices, festivals, dress, food rules
  'ramadan', 'ramazan', 'ramzan', 'eid', 'eid al fitr', 'eid al adha', 'eid ul fitr', 'eid ul adha', 'iftar',
  'suhoor', 'sehri', 'salah', 'salat', 'salaat', 'namaz', 'wudu', 'jummah', 'jumma', 'jumuah', 'zakat',
  'muharram', 'ashura', 'mawlid', 'hijab|s|i|is', 'niqab|s', 'burqa|s', 'burka|s', 'chador', 'halal', 'haram',
  'kosher', 'treif', 'kippah', 'kippa', 'yarmulke|s', 'tefillin', 'shabbat', 'shabbos', 'sabbath|s', 'hanukkah',
  'chanukah', 'hanukah', 'yom kippur', 'rosh hashanah', 'rosh hashana', 'passover', 'pesach', 'sukkot', 'purim',
  'bar mitzvah', 'bat mitzvah', 'diwali', 'deepavali', 'holi', 'navratri', 'durga puja', 'puja|s', 'janmashtami',
  'ganesh chaturthi', 'vaisakhi', 'baisakhi', 'guru nanak', 'vesak', 'wesak', 'losar', 'lent', 'lenten',
  'ash wednesday', 'good friday', 'pentecost', 'easter', 'christmas', 'xmas', 'nativity',
];

const GERMAN = [
  'glaube|n|ns', 'gläubig|e|en|er', 'religiös|e|en|er', 'religionen', 'kirche|n', 'freikirche|n', 'gottesdienst|e',
  'moschee|n', 'synagoge|n', 'gott', 'götter', 'beten', 'gebet|e', 'christ|en|in|innen', 'christlich|e|en|er|es',
  'christentum', 'katholik|en|in', 'katholisch|e|en|er', 'protestantisch|e|en|er', 'evangelisch|e|en|er',
  'lutheraner', 'lutherisch|e|en', 'baptisten', 'methodisten', 'muslim|e|en|in|innen', 'muslimisch|e|en|er',
  'islamisch|e|en|er', 'jude|n', 'jüdin|nen', 'jüdisch|e|en|er', 'judentum', 'hinduistisch|e|en', 'buddhisten',
  'buddhistisch|e|en', 'atheisten', 'atheistin', 'fromm|e|en', 'frömmigkeit', 'spiritualität', 'fastenzeit',
  'weihnachten', 'ostern', 'pfingsten', 'sabbat', 'zeugen jehovas', 'konfession|en', 'konfessionell',
];

const FRENCH = [
  'foi', 'religieux', 'religieuse|s', 'église|s', 'mosquée|s', 'dieu|x', 'prier', 'prière|s', 'chrétien|s|ne|nes',
  'christianisme', 'catholique|s', 'catholicisme', 'protestante|s', 'évangélique|s', 'musulman|s|e|es', 'islamique|s',
  'juif|s', 'juive|s', 'judaïsme', 'hindou|s|e|es', 'hindouisme', 'bouddhiste|s', 'bouddhisme', 'athée|s',
  'croyant|s|e|es', 'pratiquant|s|e|es', 'carême', 'pâques', 'spiritualité', 'témoins de jéhovah',
];

const SPANISH = [
  'religión', 'religiones', 'religioso|s', 'religiosa|s', 'iglesia|s', 'mezquita|s', 'templo|s', 'sinagoga|s',
  'dios', 'dioses', 'rezar', 'oración', 'oraciones', 'cristiano|s', 'cristiana|s', 'cristianismo', 'católico|s',
  'católica|s', 'catolicismo', 'protestantes', 'evangélico|s', 'evangélica|s', 'musulmán', 'musulmana|s',
  'musulmanes', 'islámico|s', 'islámica|s', 'judío|s', 'judía|s', 'judaísmo', 'hindú', 'hindúes', 'budista|s',
  'budismo', 'ateo|s', 'atea|s', 'ateísmo', 'creyente|s', 'cuaresma', 'semana santa', 'pascua|s', 'navidad',
  'espiritualidad', 'testigos de jehová',
];

const ITALIAN = [
  'fede', 'religione', 'religioni', 'religiosa|e', 'religiosi', 'chiesa', 'chiese', 'moschea', 'moschee', 'tempio',
  'pregare', 'preghiera', 'preghiere', 'cristiani', 'cristiane', 'cristianesimo', 'cattolico', 'cattolica',
  'cattolici', 'cattoliche', 'cattolicesimo', 'protestanti', 'evangelico', 'evangelici', 'musulmano|i',
  'musulmane', 'islamico|i', 'islamica|he', 'ebreo|i', 'ebrea|e', 'ebraico', 'ebraica', 'ebraismo', 'induista|i',
  'induismo', 'buddista|i', 'buddismo', 'atei', 'credente|i', 'quaresima', 'pasqua', 'spiritualità',
];

const PORTUGUESE = [
  'religião', 'religiões', 'igreja|s', 'mesquita|s', 'deus', 'deuses', 'orar', 'oração', 'orações', 'cristão|s',
  'cristã|s', 'católico', 'católica', 'evangélico', 'evangélica', 'muçulmano|s', 'muçulmana|s', 'islâmico|s',
  'islâmica|s', 'judeu|s', 'judia|s', 'judaico', 'judaica', 'judaísmo', 'ateu|s', 'ateia|s', 'ateísmo', 'crente|s',
  'quaresma', 'páscoa', 'espírita|s', 'espiritismo', 'espiritualidade',
];

const TURKISH = [
  'dini', 'dinler', 'inanç|lı|lar', 'dindar', 'cami|i|ler', 'kilise|ler', 'sinagog', 'tanrı', 'oruç', 'bayram|ı|lar',
  'kurban bayramı', 'şeker bayramı', 'müslüman|lar|ım', 'hristiyan|lar|lık', 'hıristiyan|lar|lık', 'yahudi|ler|lik',
  'budist', 'ateist', 'sünni', 'şii', 'tesettür', 'başörtüsü', 'kuran', 'peygamber', 'mevlit', 'kandil',
];

const HINDI_URDU = [
  'dharma', 'dharm', 'dharmik', 'bhagwan', 'bhagavan', 'ishwar', 'ishvara', 'khuda', 'bhakti', 'bhajan|s',
  'kirtan|s', 'aarti', 'satsang', 'prarthana', 'vrat', 'upvas', 'rozah', 'rozay', 'musalman|s',
  'musalmaan', 'mussalman', 'isai', 'isaai', 'yahudi', 'jaini', 'mazhab', 'mazhabi', 'waheguru', 'sanatan',
  'sanatana dharma', 'tirth', 'teerth', 'jumma mubarak', 'eid mubarak',
];

function expand(entries: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const [stem, ...suffixes] = e.split('|');
    out.push(stem, ...suffixes.map((s) => stem + s));
  }
  return out;
}

/** Every faith word, as written (normalised when matched). */
export const FAITH_TERMS: readonly string[] = expand([...ENGLISH, ...GERMAN, ...FRENCH, ...SPANISH, ...ITALIAN, ...PORTUGUESE, ...TURKISH, ...HINDI_URDU]);

const FAITH = new TermMatcher(FAITH_TERMS, 3);

/** Faith words in normalised text (see normalize.ts). */
export function findFaith(normalized: string): Span[] {
  return FAITH.find(normalized);
}

/** Answers for short texts (vocabulary words), which are asked about again and again. */
const answers = new Map<string, boolean>();

/** Whether raw text names a faith, a religion, a practice or a faith proxy (any spelling). */
export function revealsFaith(text: string): boolean {
  const known = answers.get(text);
  if (known !== undefined) return known;
  const found = FAITH.test(normalizeText(text.replace(/_/g, ' ')));
  if (text.length <= 64) {
    if (answers.size >= 4096) answers.clear();
    answers.set(text, found);
  }
  return found;
}

/** The vocabulary values that may be shown, prompted or embedded: none that reveals faith. */
export function shareableValues(values: readonly string[]): string[] {
  return values.filter((v) => !revealsFaith(v));
}

/** The diet, unless it is "none" or reveals faith (halal, kosher). */
export function shareableDiet(diet: string): string | null {
  return diet && diet !== 'none' && !revealsFaith(diet) ? diet : null;
}
