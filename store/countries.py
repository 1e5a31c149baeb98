"""Country names, ISO codes and demonyms, for extraction and for the search language.

pycountry supplies ISO 3166 names and codes; it lacks Kosovo (XK, a user-assigned code in common use), the short
names newsrooms use ("Russia", "Iran", "South Korea") and demonyms, which are added here. Lookups are exact
(case- and accent-insensitive): pycountry's fuzzy search is never used, since it maps "Kosovo" to Serbia.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

# Names newsrooms use that pycountry does not give as name, common_name or official_name.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "XK": ("Kosovo", "Republic of Kosovo"),
    "US": ("United States", "United States of America", "USA", "U.S.", "U.S.A.", "US", "America"),
    "GB": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "MD": ("Moldova",),
    "TZ": ("Tanzania",),
    "VE": ("Venezuela",),
    "BO": ("Bolivia",),
    "TW": ("Taiwan",),
    "PS": ("Palestine", "Palestinian territories"),
    "CZ": ("Czech Republic", "Czechia"),
    "CI": ("Ivory Coast", "Côte d'Ivoire"),
    "TR": ("Turkey", "Türkiye"),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC"),
    "CG": ("Republic of the Congo",),
    "MK": ("North Macedonia", "Macedonia"),
    "FM": ("Micronesia",),
    "BN": ("Brunei",),
    "CV": ("Cape Verde", "Cabo Verde"),
    "SZ": ("Eswatini", "Swaziland"),
    "MM": ("Myanmar", "Burma"),
    "AE": ("United Arab Emirates", "UAE", "Emirates"),
    "NL": ("Netherlands", "Holland"),
    "CN": ("China", "PRC"),
    "BA": ("Bosnia and Herzegovina", "Bosnia", "Bosnia-Herzegovina"),
    "TL": ("East Timor", "Timor-Leste"),
    "SA": ("Saudi Arabia",),
    "KN": ("Saint Kitts and Nevis",),
    "GM": ("Gambia", "The Gambia"),
    "BS": ("Bahamas", "The Bahamas"),
    "PH": ("Philippines",),
}

# Demonyms and adjectives (singular forms; a plural "s" is also accepted for the nouns that take it).
DEMONYMS: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan",),
    "AL": ("Albanian",),
    "DZ": ("Algerian",),
    "AD": ("Andorran",),
    "AO": ("Angolan",),
    "AR": ("Argentine", "Argentinian"),
    "AM": ("Armenian",),
    "AU": ("Australian",),
    "AT": ("Austrian",),
    "AZ": ("Azerbaijani", "Azeri"),
    "BH": ("Bahraini",),
    "BD": ("Bangladeshi",),
    "BY": ("Belarusian",),
    "BE": ("Belgian",),
    "BZ": ("Belizean",),
    "BJ": ("Beninese",),
    "BT": ("Bhutanese",),
    "BO": ("Bolivian",),
    "BA": ("Bosnian",),
    "BW": ("Botswanan",),
    "BR": ("Brazilian",),
    "BN": ("Bruneian",),
    "BG": ("Bulgarian",),
    "BF": ("Burkinabe",),
    "BI": ("Burundian",),
    "KH": ("Cambodian",),
    "CM": ("Cameroonian",),
    "CA": ("Canadian",),
    "TD": ("Chadian",),
    "CL": ("Chilean",),
    "CN": ("Chinese",),
    "CO": ("Colombian",),
    "CG": ("Congolese",),
    "CR": ("Costa Rican",),
    "HR": ("Croatian", "Croat"),
    "CU": ("Cuban",),
    "CY": ("Cypriot",),
    "CZ": ("Czech",),
    "DK": ("Danish", "Dane"),
    "DJ": ("Djiboutian",),
    "DO": ("Dominican",),
    "EC": ("Ecuadorian",),
    "EG": ("Egyptian",),
    "SV": ("Salvadoran",),
    "ER": ("Eritrean",),
    "EE": ("Estonian",),
    "ET": ("Ethiopian",),
    "FJ": ("Fijian",),
    "FI": ("Finnish", "Finn"),
    "FR": ("French",),
    "GA": ("Gabonese",),
    "GM": ("Gambian",),
    "GE": ("Georgian",),
    "DE": ("German",),
    "GH": ("Ghanaian",),
    "GR": ("Greek",),
    "GT": ("Guatemalan",),
    "GN": ("Guinean",),
    "GY": ("Guyanese",),
    "HT": ("Haitian",),
    "HN": ("Honduran",),
    "HU": ("Hungarian",),
    "IS": ("Icelandic", "Icelander"),
    "IN": ("Indian",),
    "ID": ("Indonesian",),
    "IR": ("Iranian",),
    "IQ": ("Iraqi",),
    "IE": ("Irish",),
    "IL": ("Israeli",),
    "IT": ("Italian",),
    "JM": ("Jamaican",),
    "JP": ("Japanese",),
    "JO": ("Jordanian",),
    "KZ": ("Kazakh", "Kazakhstani"),
    "KE": ("Kenyan",),
    "XK": ("Kosovar", "Kosovan"),
    "KW": ("Kuwaiti",),
    "KG": ("Kyrgyz",),
    "LA": ("Laotian", "Lao"),
    "LV": ("Latvian",),
    "LB": ("Lebanese",),
    "LR": ("Liberian",),
    "LY": ("Libyan",),
    "LT": ("Lithuanian",),
    "LU": ("Luxembourgish",),
    "MG": ("Malagasy",),
    "MW": ("Malawian",),
    "MY": ("Malaysian",),
    "MV": ("Maldivian",),
    "ML": ("Malian",),
    "MT": ("Maltese",),
    "MR": ("Mauritanian",),
    "MU": ("Mauritian",),
    "MX": ("Mexican",),
    "MD": ("Moldovan",),
    "MC": ("Monegasque",),
    "MN": ("Mongolian",),
    "ME": ("Montenegrin",),
    "MA": ("Moroccan",),
    "MZ": ("Mozambican",),
    "MM": ("Burmese",),
    "NA": ("Namibian",),
    "NP": ("Nepali", "Nepalese"),
    "NL": ("Dutch",),
    "NZ": ("New Zealander",),
    "NI": ("Nicaraguan",),
    "NE": ("Nigerien",),
    "NG": ("Nigerian",),
    "KP": ("North Korean",),
    "MK": ("Macedonian", "North Macedonian"),
    "NO": ("Norwegian",),
    "OM": ("Omani",),
    "PK": ("Pakistani",),
    "PS": ("Palestinian",),
    "PA": ("Panamanian",),
    "PG": ("Papua New Guinean",),
    "PY": ("Paraguayan",),
    "PE": ("Peruvian",),
    "PH": ("Filipino", "Philippine"),
    "PL": ("Polish", "Pole"),
    "PT": ("Portuguese",),
    "QA": ("Qatari",),
    "RO": ("Romanian",),
    "RU": ("Russian",),
    "RW": ("Rwandan",),
    "SA": ("Saudi", "Saudi Arabian"),
    "SN": ("Senegalese",),
    "RS": ("Serbian", "Serb"),
    "SL": ("Sierra Leonean",),
    "SG": ("Singaporean",),
    "SK": ("Slovak", "Slovakian"),
    "SI": ("Slovenian", "Slovene"),
    "SO": ("Somali",),
    "ZA": ("South African",),
    "KR": ("South Korean",),
    "SS": ("South Sudanese",),
    "ES": ("Spanish", "Spaniard"),
    "LK": ("Sri Lankan",),
    "SD": ("Sudanese",),
    "SE": ("Swedish", "Swede"),
    "CH": ("Swiss",),
    "SY": ("Syrian",),
    "TW": ("Taiwanese",),
    "TJ": ("Tajik",),
    "TZ": ("Tanzanian",),
    "TH": ("Thai",),
    "TG": ("Togolese",),
    "TN": ("Tunisian",),
    "TR": ("Turkish", "Turk"),
    "TM": ("Turkmen",),
    "UG": ("Ugandan",),
    "UA": ("Ukrainian",),
    "AE": ("Emirati",),
    "GB": ("British", "Briton"),
    "US": ("American",),
    "UY": ("Uruguayan",),
    "UZ": ("Uzbek",),
    "VE": ("Venezuelan",),
    "VN": ("Vietnamese",),
    "YE": ("Yemeni",),
    "ZM": ("Zambian",),
    "ZW": ("Zimbabwean",),
    "CI": ("Ivorian",),
    "CD": ("Congolese",),
}
# Demonyms that also name a language or a faith often enough that they need a capitalised context; still mapped.
_PLURAL_OK = {
    "Israeli",
    "Serb",
    "Kosovar",
    "American",
    "Palestinian",
    "Afghan",
    "Iraqi",
    "Syrian",
    "Iranian",
    "Russian",
    "Ukrainian",
    "German",
    "Italian",
    "Croat",
    "Albanian",
    "Turk",
    "Saudi",
    "Pakistani",
    "Indian",
    "Canadian",
    "Australian",
    "Egyptian",
    "Lebanese",
    "Briton",
    "Pole",
    "Dane",
    "Swede",
    "Finn",
}

SHORT_NAMES: dict[str, str] = {
    "US": "United States",
    "GB": "United Kingdom",
    "RU": "Russia",
    "IR": "Iran",
    "SY": "Syria",
    "KR": "South Korea",
    "KP": "North Korea",
    "VN": "Vietnam",
    "LA": "Laos",
    "MD": "Moldova",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "BO": "Bolivia",
    "TW": "Taiwan",
    "PS": "Palestine",
    "CZ": "Czech Republic",
    "CI": "Ivory Coast",
    "TR": "Turkey",
    "VA": "Vatican",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "MK": "North Macedonia",
    "XK": "Kosovo",
    "BN": "Brunei",
    "FM": "Micronesia",
    "SZ": "Eswatini",
    "BA": "Bosnia and Herzegovina",
    "NL": "Netherlands",
}

# Capital cities (and a few seats of government), by ISO code: a lone capital's name is a place, not a person.
_CAPITALS = """
AF Kabul|AL Tirana|DZ Algiers|AD Andorra la Vella|AO Luanda|AR Buenos Aires|AM Yerevan|AU Canberra|AT Vienna|
AZ Baku|BH Manama|BD Dhaka|BY Minsk|BE Brussels|BJ Porto-Novo|BT Thimphu|BO La Paz|BA Sarajevo|BW Gaborone|
BR Brasília|BN Bandar Seri Begawan|BG Sofia|BF Ouagadougou|BI Gitega|KH Phnom Penh|CM Yaoundé|CA Ottawa|
TD N'Djamena|CL Santiago|CN Beijing|CO Bogotá|CD Kinshasa|CG Brazzaville|CR San José|HR Zagreb|CU Havana|
CY Nicosia|CZ Prague|DK Copenhagen|DJ Djibouti|DO Santo Domingo|EC Quito|EG Cairo|SV San Salvador|ER Asmara|
EE Tallinn|ET Addis Ababa|FJ Suva|FI Helsinki|FR Paris|GA Libreville|GM Banjul|GE Tbilisi|DE Berlin|GH Accra|
GR Athens|GT Guatemala City|GN Conakry|GY Georgetown|HT Port-au-Prince|HN Tegucigalpa|HU Budapest|IS Reykjavik|
IN New Delhi|ID Jakarta|IR Tehran|IQ Baghdad|IE Dublin|IL Jerusalem|IT Rome|CI Yamoussoukro|JM Kingston|JP Tokyo|
JO Amman|KZ Astana|KE Nairobi|XK Pristina|XK Prishtina|KW Kuwait City|KG Bishkek|LA Vientiane|LV Riga|LB Beirut|
LR Monrovia|LY Tripoli|LI Vaduz|LT Vilnius|LU Luxembourg|MG Antananarivo|MW Lilongwe|MY Kuala Lumpur|ML Bamako|
MT Valletta|MR Nouakchott|MX Mexico City|MD Chisinau|MC Monaco|MN Ulaanbaatar|ME Podgorica|MA Rabat|MZ Maputo|
MM Naypyidaw|NA Windhoek|NP Kathmandu|NL Amsterdam|NL The Hague|NZ Wellington|NI Managua|NE Niamey|NG Abuja|
KP Pyongyang|MK Skopje|NO Oslo|OM Muscat|PK Islamabad|PS Ramallah|PA Panama City|PY Asunción|PE Lima|PH Manila|
PL Warsaw|PT Lisbon|QA Doha|RO Bucharest|RU Moscow|RW Kigali|SA Riyadh|SN Dakar|RS Belgrade|SL Freetown|
SG Singapore|SK Bratislava|SI Ljubljana|SO Mogadishu|ZA Pretoria|KR Seoul|SS Juba|ES Madrid|LK Colombo|
SD Khartoum|SE Stockholm|CH Bern|SY Damascus|TW Taipei|TJ Dushanbe|TZ Dodoma|TH Bangkok|TG Lomé|TN Tunis|
TR Ankara|TM Ashgabat|UG Kampala|UA Kyiv|UA Kiev|AE Abu Dhabi|GB London|US Washington|UY Montevideo|
UZ Tashkent|VE Caracas|VN Hanoi|YE Sanaa|ZM Lusaka|ZW Harare
"""


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case without accents or punctuation runs: the key names are matched on."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace(".", "").split())


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str


def tables() -> tuple[dict[str, str], dict[str, str]]:
    """The folded names (with aliases) and the folded demonyms of every country → its code."""
    return _tables()


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    import pycountry  # imported when a country is first looked up, not at start-up

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if value := getattr(c, attr, None):
                names.setdefault(fold(value), c.alpha_2)
                head, sep, tail = value.partition(", ")
                if sep:  # "Korea, Republic of" is also "Republic of Korea"
                    names.setdefault(fold(f"{tail} {head}"), c.alpha_2)
    for code, extra in EXTRA_NAMES.items():
        for value in extra:
            names[fold(value)] = code
    demonyms: dict[str, str] = {}
    for code, forms in DEMONYMS.items():
        for form in forms:
            demonyms[fold(form)] = code
            if form in _PLURAL_OK:
                demonyms[fold(form + "s")] = code
    return names, demonyms


def country_name(code: str) -> str:
    """The short English name newsrooms use for an ISO alpha-2 code."""
    code = code.upper()
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return (getattr(c, "common_name", None) or c.name) if c else code


def by_name(text: str) -> Country | None:
    """A country named exactly (case- and accent-insensitive), with or without a leading "the". Codes are not
    names: "AND", "ARE", "Sen." and "Ind." name no country (``by_code`` reads codes, for the search language);
    only the abbreviations newsrooms write as names ("US", "UAE", "PRC") are listed as names."""
    key = fold(text)
    key = key[4:] if key.startswith("the ") else key
    code = _tables()[0].get(key)
    return Country(code, country_name(code)) if code else None


def by_demonym(text: str) -> Country | None:
    """The country of a demonym or national adjective ("Israeli", "Kosovar", "Serbs")."""
    code = _tables()[1].get(fold(text))
    return Country(code, country_name(code)) if code else None


def by_code(code: str) -> Country | None:
    """A country by ISO 3166 alpha-2 or alpha-3 code (and XK for Kosovo)."""
    code = code.strip().upper()
    if code == "XK":
        return Country("XK", "Kosovo")
    import pycountry

    c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return Country(c.alpha_2, country_name(c.alpha_2)) if c else None


def lookup(text: str) -> Country | None:
    """Any way a user may name a country: name, demonym or ISO code."""
    text = text.strip()
    return (
        by_name(text)
        or by_demonym(text)
        or (by_code(text) if text.isalpha() and len(text) in (2, 3) else None)
    )


@cache
def _capitals() -> dict[str, str]:
    out = {}
    for item in _CAPITALS.replace("\n", "").split("|"):
        code, _, city = item.strip().partition(" ")
        if city:
            out[fold(city)] = code
    return out


def capital(text: str) -> str | None:
    """The ISO code of the country whose capital ``text`` names ("Pristina" → XK), or None."""
    return _capitals().get(fold(text))
