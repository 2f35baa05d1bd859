/**
 * Other spellings of places (SPEC §2.1, §5, §11): a hidden home city must stay hidden in every
 * spelling a reader would recognise — "München" for Munich, "Sao Paulo" for São Paulo,
 * "Frankfurt" for Frankfurt am Main — and a bio must not name its writer's city or country in
 * any of them. `cityVariants` and `countryVariants` give the normalised spellings (see
 * normalize.ts; words joined by one space), for the explanation validator and the scrubbers.
 *
 * The table holds the cities of the generated pool (scripts/pool/data/places.ts) and other
 * often visited ones, with their endonyms, exonyms in the main European languages, old names
 * still in use, common abbreviations and, where a script of their own is common, that spelling.
 * Each line is one place; spellings are separated by "/".
 */
import { normalizeText } from './normalize';
import { termWords } from './terms';

const CITIES = [
  // Germany
  'Munich/München/Muenchen/Monaco di Baviera/Múnich/Munique', 'Cologne/Köln/Koeln/Colonia/Keulen',
  'Frankfurt/Frankfurt am Main/Frankfurt a. M./Francfort/Fráncfort/Francoforte',
  'Nuremberg/Nürnberg/Nuernberg/Norimberga/Núremberg', 'Düsseldorf/Duesseldorf/Dusseldorf',
  'Hamburg/Hambourg/Amburgo/Hamburgo', 'Berlin/Berlino/Berlim/Berlín/Берлин', 'Dresden/Dresde/Drezno',
  'Leipzig/Lipsia/Lipsk', 'Freiburg/Freiburg im Breisgau/Friburgo', 'Stuttgart/Stoccarda', 'Bremen/Brême/Brema',
  'Hanover/Hannover/Hanovre', 'Aachen/Aix-la-Chapelle/Aquisgrana',
  // France
  'Paris/Parigi/París/Париж', 'Lyon/Lyons/Lione/Lyón', 'Marseille/Marseilles/Marsiglia/Marsella/Marselha',
  'Strasbourg/Straßburg/Strassburg/Strasburgo/Estrasburgo', 'Nice/Nizza/Niza', 'Toulouse/Tolosa',
  'Bordeaux/Burdeos', 'Lille/Rijsel', 'Nantes/Naoned', 'Montpellier', 'Rennes/Roazhon',
  // Spain
  'Seville/Sevilla/Siviglia/Séville/Sevilha', 'Saragossa/Zaragoza/Saragozza', 'Málaga/Malaga',
  'San Sebastián/Donostia/Donostia-San Sebastián/Saint-Sébastien', 'Valencia/València/Valence/Valenza',
  'Barcelona/Barcelone/Barcellona', 'Palma/Palma de Mallorca', 'Bilbao/Bilbo', 'Granada/Grenade',
  'Madrid',
  // Italy
  'Rome/Roma/Rom/Рим', 'Milan/Milano/Mailand/Milán/Milão', 'Naples/Napoli/Neapel/Nápoles',
  'Turin/Torino/Turín', 'Florence/Firenze/Florenz/Florencia/Florença', 'Genoa/Genova/Genua/Gênes/Génova',
  'Venice/Venezia/Venedig/Venise/Venecia/Veneza', 'Bologna/Bolonia/Bologne', 'Palermo/Palerme',
  'Verona/Vérone', 'Bari', 'Syracuse/Siracusa', 'Padua/Padova',
  // Benelux
  'The Hague/Den Haag/\'s-Gravenhage/La Haye/La Haya/L\'Aia', 'Amsterdam/Mokum', 'Rotterdam', 'Utrecht',
  'Groningen/Groninga', 'Leiden/Leyden', 'Maastricht/Maestricht', 'Nijmegen/Nimwegen/Nimègue', 'Eindhoven',
  'Haarlem', 'Brussels/Bruxelles/Brussel/Brüssel/Bruselas/Bruxelas/Bruxelles-Capitale', 'Antwerp/Antwerpen/Anvers/Amberes/Anversa',
  'Bruges/Brugge/Brujas', 'Ghent/Gent/Gand/Gante', 'Luxembourg/Luxemburg/Lëtzebuerg/Luxemburgo/Lussemburgo',
  // Portugal
  'Lisbon/Lisboa/Lissabon/Lisbonne/Lisbona', 'Porto/Oporto', 'Évora/Evora', 'Braga', 'Coimbra', 'Funchal', 'Faro',
  'Aveiro',
  // Greece
  'Athens/Athína/Athina/Athen/Atene/Atenas/Athènes/Αθήνα', 'Thessaloniki/Salonica/Salonika/Saloniki/Thessalonique/Tesalónica/Θεσσαλονίκη',
  'Heraklion/Iraklio/Iraklion/Héraklion/Ηράκλειο', 'Patras/Patra/Πάτρα', 'Chania/Hania/Khania/Χανιά',
  'Ioannina/Yannina/Ιωάννινα', 'Larissa/Larisa/Λάρισα', 'Volos/Βόλος',
  // Austria, Switzerland
  'Vienna/Wien/Vienne/Viena/Wenen/Bécs/Vídeň', 'Salzburg/Salisburgo/Salzbourg', 'Graz', 'Linz', 'Innsbruck',
  'Klagenfurt', 'Villach', 'Zurich/Zürich/Zuerich/Zurigo/Zúrich', 'Geneva/Genève/Geneve/Genf/Ginevra/Ginebra/Genebra',
  'Basel/Bâle/Basle/Basilea', 'Bern/Berne/Berna', 'Lausanne/Losanna', 'Lucerne/Luzern/Lucerna', 'Lugano/Lauis',
  'St. Gallen/Sankt Gallen/Saint-Gall/San Gallo',
  // British Isles
  'London/Londres/Londra/Londen/Лондон', 'Edinburgh/Édimbourg/Edimburgo/Dùn Èideann', 'Cardiff/Caerdydd',
  'Glasgow/Glaschu', 'Manchester', 'Birmingham', 'Bristol', 'Leeds', 'Liverpool', 'Brighton', 'Oxford', 'Belfast/Béal Feirste',
  'Dublin/Baile Átha Cliath/Dublino', 'Cork/Corcaigh', 'Galway/Gaillimh', 'Limerick/Luimneach',
  'Waterford/Port Láirge', 'Kilkenny/Cill Chainnigh', 'Sligo/Sligeach',
  // Nordics
  'Stockholm/Estocolmo/Stoccolma', 'Gothenburg/Göteborg/Goeteborg/Goteborg', 'Malmö/Malmo/Malmoe',
  'Uppsala/Upsala', 'Västerås/Vasteras', 'Örebro/Orebro', 'Linköping/Linkoping', 'Lund', 'Umeå/Umea',
  'Oslo/Christiania/Kristiania', 'Bergen', 'Trondheim', 'Stavanger', 'Tromsø/Tromso/Tromsoe/Romsa',
  'Drammen', 'Kristiansand', 'Bodø/Bodo/Bodoe', 'Copenhagen/København/Kobenhavn/Koebenhavn/Kopenhagen/Copenhague/Copenaghen/Copenhaga',
  'Aarhus/Århus', 'Odense', 'Aalborg/Ålborg', 'Esbjerg', 'Roskilde', 'Helsinki/Helsingfors', 'Reykjavik/Reykjavík',
  // Central and Eastern Europe
  'Warsaw/Warszawa/Warschau/Varsovie/Varsavia/Varsovia/Varsóvia', 'Kraków/Krakow/Cracow/Krakau/Cracovie/Cracovia',
  'Wrocław/Wroclaw/Breslau/Breslavia', 'Gdańsk/Gdansk/Danzig/Danzica', 'Poznań/Poznan/Posen', 'Łódź/Lodz',
  'Lublin', 'Katowice/Kattowitz', 'Szczecin/Stettin', 'Prague/Praha/Prag/Praga', 'Brno/Brünn',
  'Ostrava', 'Plzeň/Plzen/Pilsen', 'Olomouc/Olmütz', 'Liberec/Reichenberg', 'České Budějovice/Ceske Budejovice/Budweis',
  'Budapest/Budapeszt', 'Debrecen', 'Szeged', 'Pécs/Pecs/Fünfkirchen', 'Győr/Gyor/Raab', 'Eger', 'Miskolc',
  'Bucharest/București/Bucuresti/Bukarest/Bucarest/Bucareste', 'Cluj-Napoca/Cluj/Klausenburg/Kolozsvár',
  'Timișoara/Timisoara/Temeswar/Temesvár', 'Iași/Iasi/Jassy', 'Brașov/Brasov/Kronstadt/Brassó',
  'Constanța/Constanta', 'Sibiu/Hermannstadt/Nagyszeben', 'Oradea/Nagyvárad',
  'Moscow/Moskva/Moskau/Moscou/Mosca/Moscú/Москва', 'Saint Petersburg/Sankt-Peterburg/Petersburg/Leningrad/Санкт-Петербург',
  'Kyiv/Kiev/Kijów/Київ/Киев', 'Belgrade/Beograd/Belgrad/Београд', 'Zagreb/Agram', 'Ljubljana/Laibach',
  'Sofia/София', 'Riga/Rīga', 'Tallinn/Reval', 'Vilnius/Wilno', 'Bratislava/Pressburg/Pozsony',
  // Turkey
  'Istanbul/İstanbul/Constantinople/Estambul/Istambul/Stambuł', 'Ankara/Angora', 'İzmir/Izmir/Smyrna/Esmirna',
  'Antalya', 'Bursa', 'Eskişehir/Eskisehir', 'Trabzon/Trebizond', 'Gaziantep/Antep',
  // Americas
  'New York/New York City/NYC/Nueva York', 'Los Angeles', 'Philadelphia/Philly', 'San Francisco/Frisco',
  'Washington D.C./Washington DC', 'New Orleans/Nouvelle-Orléans', 'Montreal/Montréal', 'Quebec City/Québec/Ville de Québec',
  'Mexico City/Ciudad de México/CDMX/México D.F./Mexico DF', 'Mérida/Merida', 'Querétaro/Queretaro', 'Cancún/Cancun',
  'Oaxaca/Oaxaca de Juárez', 'São Paulo/Sao Paulo/Sampa', 'Rio de Janeiro', 'Brasília/Brasilia',
  'Florianópolis/Florianopolis/Floripa', 'Belo Horizonte/BH', 'Porto Alegre/POA', 'Bogotá/Bogota/Santafé de Bogotá',
  'Medellín/Medellin', 'Cartagena/Cartagena de Indias', 'Cusco/Cuzco/Qosqo', 'Córdoba/Cordoba', 'Havana/La Habana/Habana',
  // Asia
  'Tokyo/Tōkyō/Tokio/東京', 'Osaka/Ōsaka/大阪', 'Kyoto/Kyōto/京都', 'Yokohama/横浜', 'Sapporo/札幌',
  'Fukuoka/福岡', 'Nagoya/名古屋', 'Kobe/Kōbe/神戸', 'Hiroshima/広島', 'Sendai/仙台', 'Nara/奈良',
  'Seoul/Séoul/서울', 'Busan/Pusan/부산', 'Incheon/Inchon/인천', 'Daegu/Taegu/대구', 'Daejeon/Taejon/대전',
  'Gwangju/Kwangju/광주', 'Jeonju/Chonju/전주', 'Gyeongju/Kyongju/경주',
  'Beijing/Peking/Peiping/Pékin/Pechino/Pekín/北京', 'Shanghai/上海', 'Guangzhou/Canton/广州/廣州', 'Shenzhen/深圳',
  'Chengdu/成都', 'Hangzhou/杭州', "Xi'an/Xian/Sian/西安", 'Wuhan/武汉', 'Nanjing/Nanking/南京', 'Kunming/昆明',
  'Chongqing/Chungking/重庆', 'Suzhou/苏州', 'Hong Kong/香港', 'Taipei/台北', 'Singapore/Singapur/Singapura',
  'Kuala Lumpur/KL',
  'Mumbai/Bombay/मुंबई', 'Delhi/New Delhi/Dilli/दिल्ली', 'Bengaluru/Bangalore', 'Chennai/Madras', 'Kolkata/Calcutta',
  'Hyderabad', 'Pune/Poona', 'Jaipur', 'Ahmedabad/Amdavad', 'Kochi/Cochin', 'Lucknow', 'Udaipur', 'Varanasi/Benares/Banaras',
  'Jakarta/Djakarta/Batavia', 'Surabaya/Soerabaja', 'Bandung', 'Yogyakarta/Jogjakarta/Jogja/Yogya', 'Medan',
  'Denpasar', 'Semarang', 'Makassar/Ujung Pandang', 'Malang',
  'Hanoi/Hà Nội/Ha Noi', 'Ho Chi Minh City/Saigon/Sài Gòn/Sai Gon/HCMC/Thành phố Hồ Chí Minh', 'Da Nang/Đà Nẵng/Danang',
  'Hue/Huế', 'Hoi An/Hội An', 'Hai Phong/Haiphong/Hải Phòng', 'Nha Trang', 'Can Tho/Cần Thơ', 'Da Lat/Dalat/Đà Lạt',
  'Bangkok/Krung Thep/Krung Thep Maha Nakhon/กรุงเทพ/กรุงเทพมหานคร', 'Chiang Mai/Chiangmai/เชียงใหม่',
  'Phuket/ภูเก็ต', 'Pattaya/พัทยา', 'Khon Kaen/ขอนแก่น', 'Hat Yai/หาดใหญ่', 'Chiang Rai/เชียงราย', 'Krabi/กระบี่',
  'Ayutthaya/อยุธยา', 'Manila/Maynila', 'Quezon City/Lungsod Quezon', 'Cebu City/Cebu/Sugbo', 'Davao City/Davao',
  'Baguio', 'Iloilo City/Iloilo', 'Makati', 'Bacolod', 'Puerto Princesa',
  // Middle East
  'Tehran/Teheran/Téhéran/تهران', 'Isfahan/Esfahan/Ispahan/اصفهان', 'Shiraz/شیراز', 'Tabriz/تبریز',
  'Mashhad/Meshed/Mashad/مشهد', 'Yazd/یزد', 'Kerman/کرمان', 'Rasht/رشت', 'Karachi/کراچی', 'Lahore/لاہور',
  'Islamabad/اسلام آباد', 'Rawalpindi/Pindi', 'Faisalabad/Lyallpur', 'Peshawar/پشاور', 'Multan/ملتان', 'Quetta/کوئٹہ',
  'Tel Aviv/Tel Aviv-Yafo/Tel-Aviv/תל אביב', 'Jerusalem/Yerushalayim/Al-Quds/Jérusalem/Jerusalén/Gerusalemme/ירושלים',
  'Haifa/Hefa/חיפה', "Be'er Sheva/Beersheba/Beer Sheva/Beersheva/באר שבע", 'Eilat/Elat/אילת', 'Netanya/נתניה',
  'Herzliya/Herzlia/הרצליה', 'Dubai/دبي', 'Abu Dhabi/أبو ظبي', 'Doha/الدوحة', 'Beirut/Beyrouth/بيروت', 'Amman/عمان',
  // Africa
  'Cairo/Le Caire/Kairo/El Cairo/Il Cairo/Al-Qahira/القاهرة', 'Alexandria/Alexandrie/Alejandría/Alessandria/Iskandariya/الإسكندرية',
  'Giza/Gizeh/الجيزة', 'Luxor/Louxor/الأقصر', 'Aswan/Assuan/Assouan/أسوان', 'Hurghada/الغردقة', 'Port Said/بورسعيد',
  'Mansoura/المنصورة', 'Marrakesh/Marrakech/Marrakesch/Marrakus/مراكش', 'Fez/Fes/Fès/فاس', 'Tangier/Tangiers/Tanger/Tánger/طنجة',
  'Casablanca/Dar el Beida/الدار البيضاء', 'Rabat/الرباط', 'Agadir/أكادير', 'Essaouira/Mogador/الصويرة',
  'Chefchaouen/Chaouen/Xauen/شفشاون', 'Meknes/Meknès/مكناس', 'Lagos', 'Abuja', 'Ibadan', 'Kano', 'Port Harcourt',
  'Enugu', 'Benin City', 'Calabar', 'Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Eldoret', 'Malindi', 'Lamu', 'Nanyuki',
  "Johannesburg/Joburg/Jo'burg/Jozi/Egoli", 'Cape Town/Kaapstad/iKapa', 'Durban/eThekwini', 'Pretoria/Tshwane',
  'Gqeberha/Port Elizabeth', 'Bloemfontein/Mangaung', 'Stellenbosch', 'East London/eMonti', 'Addis Ababa/Addis Abeba',
  // Oceania
  'Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide', 'Hobart', 'Canberra', 'Darwin', 'Cairns', 'Gold Coast',
  'Auckland/Tāmaki Makaurau', 'Wellington/Te Whanganui-a-Tara', 'Christchurch/Ōtautahi/Otautahi', 'Hamilton/Kirikiriroa',
  'Dunedin/Ōtepoti', 'Queenstown', 'Tauranga', 'Nelson/Whakatū', 'Napier/Ahuriri', 'Rotorua',
];

const COUNTRIES = [
  'Germany/Deutschland/Allemagne/Alemania/Germania/Alemanha/Almanya/Niemcy', 'France/Frankreich/Francia/França/Fransa',
  'Spain/España/Spanien/Espagne/Spagna/Espanha/İspanya', 'Italy/Italia/Italien/Italie/Itália/İtalya',
  'Netherlands/The Netherlands/Nederland/Holland/Niederlande/Pays-Bas/Países Bajos/Paesi Bassi/Hollanda',
  'Portugal/Portogallo/Portekiz', 'Greece/Hellas/Ellada/Ελλάδα/Griechenland/Grèce/Grecia/Grécia/Yunanistan',
  'Austria/Österreich/Oesterreich/Autriche/Áustria/Avusturya', 'Switzerland/Schweiz/Suisse/Svizzera/Suiza/Suíça/Svizra/İsviçre',
  'United Kingdom/Great Britain/Britain/England/Scotland/Wales/Northern Ireland/Großbritannien/Royaume-Uni/Reino Unido/Regno Unito/İngiltere',
  'Ireland/Éire/Eire/Irland/Irlande/Irlanda', 'Sweden/Sverige/Schweden/Suède/Suecia/Svezia/İsveç',
  'Norway/Norge/Noreg/Norwegen/Norvège/Noruega/Norvegia', 'Denmark/Danmark/Dänemark/Danemark/Dinamarca/Danimarca',
  'Poland/Polska/Polen/Pologne/Polonia/Polônia', 'Czechia/Czech Republic/Česko/Česká republika/Tschechien/Tchéquie/Chequia',
  'Hungary/Magyarország/Ungarn/Hongrie/Hungría/Ungheria', 'Romania/România/Rumänien/Roumanie/Rumania',
  'Turkey/Türkiye/Turkiye/Türkei/Turquie/Turquía/Turchia', 'United States/United States of America/USA/Estados Unidos/Vereinigte Staaten/États-Unis/Stati Uniti',
  'Canada/Kanada', 'Mexico/México/Mexiko/Mexique/Messico', 'Brazil/Brasil/Brasilien/Brésil/Brasile',
  'Argentina/Argentinien/Argentine', 'Colombia/Kolumbien/Colombie', 'Peru/Perú/Pérou',
  'Japan/Nippon/Nihon/Japon/Japón/Giappone/日本', 'South Korea/Korea/Republic of Korea/Südkorea/Corée du Sud/Corea del Sur/대한민국/한국',
  'China/Zhongguo/Chine/Cina/中国', 'India/Bharat/Indien/Inde/भारत', 'Indonesia/Indonesien/Indonésie',
  'Vietnam/Viet Nam/Việt Nam', 'Thailand/Thaïlande/Tailandia/Thailandia/ประเทศไทย', 'Philippines/Pilipinas/Filipinas/Philippinen/Filippine',
  'Iran/Persia/Irán/ایران', 'Pakistan/پاکستان', 'Israel/Israël/Israele/ישראל', 'Egypt/Misr/Ägypten/Égypte/Egipto/Egitto/مصر',
  'Morocco/Maroc/Marruecos/Marokko/Marocco/Al-Maghrib/المغرب', 'Nigeria/Nigéria', 'Kenya/Kenia/Quênia',
  'South Africa/Suid-Afrika/Südafrika/Afrique du Sud/Sudáfrica/Sudafrica', 'Australia/Australien/Australie/Austrália',
  'New Zealand/Aotearoa/Neuseeland/Nouvelle-Zélande/Nueva Zelanda',
];

/** First words that are not, on their own, a name anyone would use for the place. */
const GENERIC_FIRST = new Set([
  'new', 'san', 'santa', 'santo', 'sao', 'saint', 'sainte', 'sankt', 'port', 'porto', 'puerto', 'cape', 'gold',
  'east', 'west', 'north', 'south', 'great', 'upper', 'lower', 'little', 'grand', 'old', 'mount', 'fort', 'lake',
  'palm', 'long', 'buenos', 'ciudad', 'city', 'belo', 'beer', 'kuala', 'hong', 'chiang', 'khon', 'krung', 'salt',
  'bandar', 'santiago', 'la', 'las', 'los', 'el', 'al', 'the', 'den', 'mar', 'rio', 'villa', 'ville', 'bad',
]);
const SAINTS = ['st', 'saint', 'sankt'];

/** Spellings with German and Nordic letters written out ("Muenchen", "Tromsoe", "Aarhus"). */
function writtenOut(s: string): string {
  return s.replace(/[äÄ]/g, 'ae').replace(/[öÖøØ]/g, 'oe').replace(/[üÜ]/g, 'ue').replace(/[åÅ]/g, 'aa');
}

/** The normalised key of a spelling: its words joined by one space. */
const key = (s: string) => termWords(s).join(' ');

function index(lines: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const line of lines) {
    const group = line.split('/').map((s) => s.trim()).filter((s) => s !== '');
    for (const s of group) {
      const k = key(s);
      if (k && !m.has(k)) m.set(k, group);
    }
  }
  return m;
}

const CITY_INDEX = index(CITIES);
const COUNTRY_INDEX = index(COUNTRIES);

/** Letters in a spelling (other than the place's own name, spellings need at least three). */
const letters = (k: string) => k.replace(/ /g, '').length;

function spellings(raw: string, table: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  const add = (s: string, min = 3) => {
    for (const v of [s, writtenOut(s)]) {
      const k = key(v);
      if (letters(k) >= min) out.add(k);
    }
  };
  add(raw, 2);
  const own = key(raw);
  const words = own.split(' ');
  const withoutCity = words.length > 1 && words[words.length - 1] === 'city' ? words.slice(0, -1).join(' ') : '';
  for (const k of [own, withoutCity]) for (const s of table.get(k) ?? []) add(s);
  if (letters(withoutCity) >= 4) add(withoutCity);
  return out;
}

/**
 * The normalised spellings of a city: itself, with German and Nordic letters written out, its
 * other names from the table (exonyms, endonyms, old names, abbreviations), its first word when
 * that word alone names it ("frankfurt" for Frankfurt am Main, "cluj" for Cluj-Napoca; not
 * "rio", "san" or "new"), without a trailing "City" ("quezon"), and with "St", "Saint" and
 * "Sankt" for one another. Empty for a blank city.
 */
export function cityVariants(city: string): string[] {
  return remembered(cityCache, city, computeCityVariants);
}

/** Variants already worked out (pools repeat the same places); bounded, cleared when full. */
const cityCache = new Map<string, readonly string[]>();
const countryCache = new Map<string, readonly string[]>();
function remembered(cache: Map<string, readonly string[]>, place: string, compute: (p: string) => string[]): string[] {
  let v = cache.get(place);
  if (v === undefined) {
    v = compute(place);
    if (place.length <= 200) {
      if (cache.size >= 4096) cache.clear();
      cache.set(place, v);
    }
  }
  return [...v];
}

function computeCityVariants(city: string): string[] {
  if (normalizeText(city).trim() === '') return [];
  const out = spellings(city, CITY_INDEX);
  const words = key(city).split(' ');
  if (words.length > 1 && words[0].length >= 4 && !GENERIC_FIRST.has(words[0]) && /^\p{L}+$/u.test(words[0])) out.add(words[0]);
  for (const k of [...out]) {
    const w = k.split(' ');
    if (w.length > 1 && SAINTS.includes(w[0])) for (const s of SAINTS) out.add([s, ...w.slice(1)].join(' '));
  }
  return [...out];
}

/** The normalised spellings of a country: itself and its names in other languages. */
export function countryVariants(country: string): string[] {
  return remembered(countryCache, country, (c) => (normalizeText(c).trim() === '' ? [] : [...spellings(c, COUNTRY_INDEX)]));
}
