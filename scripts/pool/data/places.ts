/**
 * Countries for the generated pool (SPEC §2.3): English name, ISO 3166-1 alpha-2 code, local
 * currency (ISO 4217, every one present in EUR_PER_UNIT), the languages commonly spoken there
 * (ISO 639-1; the first is the main one), a few well-known cities, and a weight for how often
 * the country appears in the pool.
 */

export type Region = 'europe' | 'americas' | 'asia' | 'middle_east' | 'africa' | 'oceania';

export interface Country {
  code: string;
  name: string;
  region: Region;
  /** Local currency, ISO 4217. */
  currency: string;
  /** ISO 639-1, the main language first, then other languages widely spoken in the country. */
  languages: readonly string[];
  /** Share of people whose home language is the first one (the rest pick one of the others). */
  mainLanguageShare: number;
  /** English is a language (nearly) everyone in the pool from here speaks. */
  englishNative: boolean;
  weight: number;
  cities: readonly string[];
}

const list = (s: string): string[] => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

function country(
  code: string, name: string, region: Region, currency: string, languages: string, weight: number,
  cities: string, opts: { main?: number; en?: boolean } = {},
): Country {
  return {
    code, name, region, currency, languages: list(languages), mainLanguageShare: opts.main ?? 0.85,
    englishNative: opts.en ?? false, weight, cities: list(cities),
  };
}

export const COUNTRIES: readonly Country[] = [
  // Europe
  country('DE', 'Germany', 'europe', 'EUR', 'de', 10, 'Berlin, Hamburg, Munich, Cologne, Frankfurt, Stuttgart, Leipzig, Dresden, Düsseldorf, Freiburg, Nuremberg, Bremen'),
  country('FR', 'France', 'europe', 'EUR', 'fr', 7, 'Paris, Lyon, Marseille, Toulouse, Bordeaux, Nantes, Lille, Strasbourg, Nice, Montpellier, Rennes'),
  country('ES', 'Spain', 'europe', 'EUR', 'es, ca, eu, gl', 7, 'Madrid, Barcelona, Valencia, Seville, Bilbao, Málaga, Zaragoza, Granada, Palma, San Sebastián', { main: 0.8 }),
  country('IT', 'Italy', 'europe', 'EUR', 'it', 7, 'Rome, Milan, Naples, Turin, Bologna, Florence, Palermo, Genoa, Verona, Bari'),
  country('NL', 'Netherlands', 'europe', 'EUR', 'nl, fy', 5, 'Amsterdam, Rotterdam, The Hague, Utrecht, Eindhoven, Groningen, Leiden, Haarlem, Maastricht, Nijmegen', { main: 0.95 }),
  country('PT', 'Portugal', 'europe', 'EUR', 'pt', 3, 'Lisbon, Porto, Braga, Coimbra, Faro, Aveiro, Funchal, Évora'),
  country('GR', 'Greece', 'europe', 'EUR', 'el', 3, 'Athens, Thessaloniki, Patras, Heraklion, Larissa, Volos, Ioannina, Chania'),
  country('AT', 'Austria', 'europe', 'EUR', 'de', 3, 'Vienna, Graz, Linz, Salzburg, Innsbruck, Klagenfurt, Villach'),
  country('CH', 'Switzerland', 'europe', 'CHF', 'de, fr, it, rm', 3, 'Zurich, Geneva, Basel, Bern, Lausanne, Lucerne, Lugano, St. Gallen', { main: 0.65 }),
  country('GB', 'United Kingdom', 'europe', 'GBP', 'en, cy, gd', 8, 'London, Manchester, Birmingham, Edinburgh, Glasgow, Bristol, Leeds, Liverpool, Cardiff, Brighton, Oxford, Belfast', { main: 0.95, en: true }),
  country('IE', 'Ireland', 'europe', 'EUR', 'en, ga', 2, 'Dublin, Cork, Galway, Limerick, Waterford, Kilkenny, Sligo', { main: 0.9, en: true }),
  country('SE', 'Sweden', 'europe', 'SEK', 'sv, fi', 3, 'Stockholm, Gothenburg, Malmö, Uppsala, Västerås, Örebro, Linköping, Lund, Umeå', { main: 0.95 }),
  country('NO', 'Norway', 'europe', 'NOK', 'no', 2, 'Oslo, Bergen, Trondheim, Stavanger, Tromsø, Drammen, Kristiansand, Bodø'),
  country('DK', 'Denmark', 'europe', 'DKK', 'da', 2, 'Copenhagen, Aarhus, Odense, Aalborg, Esbjerg, Roskilde'),
  country('PL', 'Poland', 'europe', 'PLN', 'pl', 4, 'Warsaw, Kraków, Wrocław, Gdańsk, Poznań, Łódź, Lublin, Katowice, Szczecin'),
  country('CZ', 'Czechia', 'europe', 'CZK', 'cs, sk', 2, 'Prague, Brno, Ostrava, Plzeň, Olomouc, Liberec, České Budějovice', { main: 0.95 }),
  country('HU', 'Hungary', 'europe', 'HUF', 'hu', 2, 'Budapest, Debrecen, Szeged, Pécs, Győr, Eger, Miskolc'),
  country('RO', 'Romania', 'europe', 'RON', 'ro, hu', 2, 'Bucharest, Cluj-Napoca, Timișoara, Iași, Brașov, Constanța, Sibiu, Oradea', { main: 0.93 }),
  country('TR', 'Turkey', 'europe', 'TRY', 'tr, ku', 4, 'Istanbul, Ankara, İzmir, Antalya, Bursa, Eskişehir, Trabzon, Gaziantep', { main: 0.9 }),
  // Americas
  country('US', 'United States', 'americas', 'USD', 'en, es', 10, 'New York, Los Angeles, Chicago, Houston, Phoenix, Philadelphia, San Antonio, San Diego, Austin, Seattle, Denver, Boston, Portland, Atlanta, Miami, Nashville, Minneapolis, San Francisco', { main: 0.88, en: true }),
  country('CA', 'Canada', 'americas', 'CAD', 'en, fr', 4, 'Toronto, Montreal, Vancouver, Calgary, Ottawa, Edmonton, Quebec City, Winnipeg, Halifax, Victoria', { main: 0.75, en: true }),
  country('MX', 'Mexico', 'americas', 'MXN', 'es', 4, 'Mexico City, Guadalajara, Monterrey, Puebla, Oaxaca, Mérida, Querétaro, Tijuana, Cancún'),
  country('BR', 'Brazil', 'americas', 'BRL', 'pt', 5, 'São Paulo, Rio de Janeiro, Brasília, Salvador, Fortaleza, Belo Horizonte, Curitiba, Recife, Porto Alegre, Florianópolis, Manaus'),
  country('AR', 'Argentina', 'americas', 'ARS', 'es', 3, 'Buenos Aires, Córdoba, Rosario, Mendoza, La Plata, Salta, Bariloche, Mar del Plata, Ushuaia'),
  country('CO', 'Colombia', 'americas', 'COP', 'es', 2, 'Bogotá, Medellín, Cali, Barranquilla, Cartagena, Bucaramanga, Santa Marta, Manizales'),
  country('PE', 'Peru', 'americas', 'PEN', 'es, qu, ay', 2, 'Lima, Arequipa, Cusco, Trujillo, Chiclayo, Piura, Iquitos, Puno', { main: 0.85 }),
  // Asia
  country('JP', 'Japan', 'asia', 'JPY', 'ja', 4, 'Tokyo, Osaka, Kyoto, Yokohama, Sapporo, Fukuoka, Nagoya, Kobe, Hiroshima, Sendai, Nara'),
  country('KR', 'South Korea', 'asia', 'KRW', 'ko', 3, 'Seoul, Busan, Incheon, Daegu, Daejeon, Gwangju, Jeonju, Gyeongju'),
  country('CN', 'China', 'asia', 'CNY', 'zh', 5, "Beijing, Shanghai, Guangzhou, Shenzhen, Chengdu, Hangzhou, Xi'an, Wuhan, Nanjing, Kunming, Chongqing, Suzhou"),
  country('IN', 'India', 'asia', 'INR', 'hi, bn, ta, te, mr, gu, kn, ml, pa', 7, 'Mumbai, Delhi, Bengaluru, Chennai, Kolkata, Hyderabad, Pune, Jaipur, Ahmedabad, Kochi, Lucknow, Udaipur', { main: 0.5, en: true }),
  country('ID', 'Indonesia', 'asia', 'IDR', 'id, jv, su', 3, 'Jakarta, Surabaya, Bandung, Yogyakarta, Medan, Denpasar, Semarang, Makassar, Malang', { main: 0.8 }),
  country('VN', 'Vietnam', 'asia', 'VND', 'vi', 2, 'Hanoi, Ho Chi Minh City, Da Nang, Hue, Hoi An, Hai Phong, Nha Trang, Can Tho, Da Lat'),
  country('TH', 'Thailand', 'asia', 'THB', 'th', 2, 'Bangkok, Chiang Mai, Phuket, Pattaya, Khon Kaen, Hat Yai, Chiang Rai, Krabi, Ayutthaya'),
  country('PH', 'Philippines', 'asia', 'PHP', 'tl', 2, 'Manila, Quezon City, Cebu City, Davao City, Baguio, Iloilo City, Makati, Bacolod, Puerto Princesa', { en: true }),
  // Middle East
  country('IR', 'Iran', 'middle_east', 'IRR', 'fa, az, ku', 2, 'Tehran, Isfahan, Shiraz, Tabriz, Mashhad, Yazd, Kerman, Rasht', { main: 0.85 }),
  country('PK', 'Pakistan', 'middle_east', 'PKR', 'ur, pa, ps, sd', 2, 'Karachi, Lahore, Islamabad, Rawalpindi, Faisalabad, Peshawar, Multan, Quetta', { main: 0.6 }),
  country('IL', 'Israel', 'middle_east', 'ILS', 'he, ar, ru', 2, "Tel Aviv, Jerusalem, Haifa, Be'er Sheva, Eilat, Netanya, Herzliya", { main: 0.8 }),
  // Africa
  country('EG', 'Egypt', 'africa', 'EGP', 'ar', 2, 'Cairo, Alexandria, Giza, Luxor, Aswan, Hurghada, Port Said, Mansoura'),
  country('MA', 'Morocco', 'africa', 'MAD', 'ar, fr', 2, 'Casablanca, Marrakesh, Rabat, Fez, Tangier, Agadir, Essaouira, Chefchaouen, Meknes', { main: 0.9 }),
  country('NG', 'Nigeria', 'africa', 'NGN', 'en, yo, ig, ha', 2, 'Lagos, Abuja, Ibadan, Kano, Port Harcourt, Enugu, Benin City, Calabar', { main: 0.4, en: true }),
  country('KE', 'Kenya', 'africa', 'KES', 'sw', 2, 'Nairobi, Mombasa, Kisumu, Nakuru, Eldoret, Malindi, Lamu, Nanyuki', { en: true }),
  country('ZA', 'South Africa', 'africa', 'ZAR', 'en, zu, xh, af, st', 2, 'Johannesburg, Cape Town, Durban, Pretoria, Gqeberha, Bloemfontein, Stellenbosch, East London', { main: 0.5, en: true }),
  // Oceania
  country('AU', 'Australia', 'oceania', 'AUD', 'en', 4, 'Sydney, Melbourne, Brisbane, Perth, Adelaide, Hobart, Canberra, Darwin, Cairns, Gold Coast', { en: true }),
  country('NZ', 'New Zealand', 'oceania', 'NZD', 'en, mi', 2, 'Auckland, Wellington, Christchurch, Hamilton, Dunedin, Queenstown, Tauranga, Nelson, Napier, Rotorua', { main: 0.92, en: true }),
];

/** Widely learned second languages, for people who speak more than their home language(s). */
export const FOREIGN_LANGUAGES: readonly (readonly [string, number])[] = [
  ['es', 10], ['fr', 9], ['de', 7], ['it', 4], ['pt', 3], ['ru', 3], ['zh', 3], ['ar', 3],
  ['ja', 2], ['nl', 1], ['tr', 1], ['ko', 2], ['sv', 1], ['el', 1], ['pl', 1], ['hi', 1],
];
