"""Word lists the extraction rules use: cue verbs, titles, honorifics, known organisations."""

from __future__ import annotations

import re

# Verbs (as lemmas) that introduce or attribute speech in news writing.
CUE_LEMMAS = frozenset(
    """
    say tell add state note explain claim write tweet post announce declare insist argue warn
    suggest ask reply respond answer recall continue conclude acknowledge admit confirm deny
    describe remark comment observe stress emphasise emphasize underline underscore urge call
    express voice vow pledge promise predict complain concede boast joke quip lament report testify
    assert maintain reiterate repeat mention whisper shout cry exclaim wonder muse praise thank
    criticise criticize accuse condemn welcome hail dub blast slam tout caution advise recount
    reveal disclose estimate forecast indicate highlight point retort counter agree demand plead beg
    allege charge cite read chant scream yell sigh laugh grumble murmur mutter snap signal signalled
    tweet text email message blog predict assure reassure affirm reaffirm contend object protest
    propose recommend summarise summarize characterise characterize label brand term hope fear worry
    believe think feel congratulate credit commend applaud salute sum
    """.split()
)
# Cue verbs whose object says what was expressed: the cue shown to the user runs through the object.
LIGHT_CUES = frozenset({"express", "voice", "offer", "extend", "give", "issue", "convey"})
# Verbs of believing count as cues only when a quote hangs directly off them.
WEAK_CUES = frozenset({"hope", "fear", "worry", "believe", "think", "feel", "agree", "call", "read"})

IRREGULAR_FORMS = {
    "said": "say",
    "says": "say",
    "saying": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "cried": "cry",
    "replied": "reply",
    "denied": "deny",
    "read": "read",
    "spoke": "speak",
    "thought": "think",
    "felt": "feel",
    "texted": "text",
    "tweeted": "tweet",
    "retweeted": "tweet",
}

HONORIFICS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr. mx mx. sen sen.
    rep rep. gen gen. col col. lt lt. capt capt. sgt sgt. gov gov. pres pres. hon hon. fm pm st st.
    herr frau
    """.split()
)
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "frau"})
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord", "herr"})

# Head nouns of roles and job titles.
TITLE_WORDS = frozenset(
    """
    president vice-president minister premier chancellor secretary spokesman spokeswoman
    spokesperson ambassador envoy senator governor mayor chief director director-general ceo
    chairman chairwoman chair chairperson commissioner official officer adviser advisor aide analyst
    economist professor researcher lawmaker legislator mp mep deputy leader head king queen prince
    princess emperor pope cardinal bishop general admiral commander colonel captain judge justice
    prosecutor attorney lawyer founder executive coordinator representative delegate negotiator
    diplomat consul manager editor correspondent journalist reporter columnist author spokesmen
    chief-executive treasurer governor-general speaker rapporteur fm pm cfo coo cto inspector
    superintendent sheriff commissar counsellor councillor councilor member dean rector chancellor-
    elect president-elect candidate nominee activist campaigner organiser organizer coach trainer
    referee striker goalkeeper midfielder defender winger player
    """.split()
)
# Single capitalised common nouns that are not names on their own ("an Embassy", "the Ministry").
GENERIC_NOUNS = frozenset(
    """
    embassy ministry government parliament court police army navy council committee commission
    agency department office cabinet senate congress assembly administration presidency state states
    city university hospital church mosque synagogue party union bank company group team board
    centre center institute foundation fund court capital airport port station square street road
    bridge palace house president minister spokesman chairman secretary prime foreign external
    affairs minister premier
    """.split()
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "they": None,
    "them": None,
    "i": None,
    "we": None,
}

# Organisations known by acronym and name, so that both resolve to one entity.
KNOWN_ORGS: dict[str, tuple[str, ...]] = {
    "European Union": ("EU", "E.U."),
    "United Nations": ("UN", "U.N."),
    "NATO": ("North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "Nato"),
    "International Monetary Fund": ("IMF",),
    "World Bank": (),
    "World Health Organization": ("WHO", "World Health Organisation"),
    "World Trade Organization": ("WTO", "World Trade Organisation"),
    "European Commission": (),
    "European Parliament": (),
    "European Central Bank": ("ECB",),
    "Council of Europe": (),
    "African Union": ("AU",),
    "Arab League": (),
    "Organization for Security and Co-operation in Europe": ("OSCE",),
    "Organization of the Petroleum Exporting Countries": ("OPEC",),
    "International Criminal Court": ("ICC",),
    "International Atomic Energy Agency": ("IAEA",),
    "UN Security Council": ("Security Council", "U.N. Security Council", "UNSC"),
    "UN General Assembly": ("General Assembly", "UNGA"),
    "Reuters": ("REUTERS", "Thomson Reuters"),
    "Associated Press": ("AP", "The Associated Press"),
    "Agence France-Presse": ("AFP",),
    "Getty Images": ("GETTY IMAGES",),
    "European Pressphoto Agency": ("EPA",),
    "Bloomberg": (),
    "Twitter": (),
    "Facebook": (),
    "Instagram": (),
    "YouTube": (),
    "TikTok": (),
    "Telegram": (),
    "WhatsApp": (),
    "LinkedIn": (),
    "Hezbollah": ("Hizbollah", "Hizbullah"),
    "Hamas": (),
    "Democratic Party": (),
    "Republican Party": ("GOP",),
    "Group of Seven": ("G7", "G-7"),
    "Group of 20": ("G20", "G-20"),
}

# Places often tagged as organisations, by the name newsrooms use.
KNOWN_PLACES = frozenset(
    {
        "White House",
        "Kremlin",
        "Downing Street",
        "Elysee Palace",
        "Élysée Palace",
        "Capitol Hill",
        "Oval Office",
        "Blue House",
        "Knesset building",
        "Gaza Strip",
        "West Bank",
        "Golan Heights",
        "Balkans",
        "Western Balkans",
        "Middle East",
    }
)

ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&-]{1,7}$")
ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")

# Descriptions that refer back to someone named by a role with other words ("the lawmaker" = an MEP).
# An empty set: any person with a role fits ("the official").
DESCRIPTION_SYNONYMS: dict[str, frozenset[str]] = {
    "lawmaker": frozenset(
        "mp mep member parliament senator legislator deputy congressman congresswoman representative".split()
    ),
    "legislator": frozenset("mp mep member parliament senator lawmaker deputy congressman".split()),
    "diplomat": frozenset(
        "minister ambassador envoy consul diplomat foreign deputy secretary delegation delegate negotiator".split()
    ),
    "envoy": frozenset("ambassador envoy representative diplomat delegation".split()),
    "negotiator": frozenset("minister ambassador envoy diplomat delegation delegate negotiator".split()),
    "politician": frozenset("minister mp mep senator president mayor leader member deputy".split()),
    "official": frozenset(),
    "spokesperson": frozenset("spokesman spokeswoman spokesperson press".split()),
    "spokesman": frozenset("spokesperson press".split()),
    "spokeswoman": frozenset("spokesperson press".split()),
    "chairman": frozenset("chair chairwoman chairperson".split()),
    "chairwoman": frozenset("chair chairman chairperson".split()),
    "chair": frozenset("chairman chairwoman chairperson".split()),
    "head": frozenset("chief director leader chair chairman chairwoman".split()),
}

# Lower-case head nouns that make a proper noun before them a place ("the Lipa camp", "the Nišava district").
PLACE_HEADS = frozenset(
    """
    camp district hall square street avenue road bridge river lake valley mountain mountains region province
    county municipality village town neighbourhood neighborhood suburb crossing airport port harbour harbor
    station stadium arena park island islands peninsula coast sea gulf bay canal dam mine prison refinery
    field oilfield plant
    """.split()
)

# Parties named by their members or an adjective ("Democrats", "a Republican senator"): the party is meant.
PARTY_FORMS = {
    "Democrat": "Democratic Party",
    "Democrats": "Democratic Party",
    "Democratic": "Democratic Party",
    "Republican": "Republican Party",
    "Republicans": "Republican Party",
    "Tory": "Conservative Party",
    "Tories": "Conservative Party",
}

# Words that describe a person in front of the name ("Republican Donald Trump", "Billionaire Donald Trump"): a
# role, never part of the name (party words and demonyms are read from PARTY_FORMS and the country table).
PERSON_DESCRIPTORS = frozenset(
    """
    billionaire businessman businesswoman tycoon mogul magnate candidate frontrunner front-runner nominee hopeful
    former presumptive gop conservative liberal progressive independent libertarian rival challenger incumbent
    veteran outgoing embattled
    """.split()
)

# Lower-case nouns that, right before a name, say it names a business or a club ("payments company Helvion
# Pay", "French side Stade de Reims", "Polish champions Legia Warsaw").
ORG_DESCRIPTORS = frozenset(
    """
    company firm group side club champions team rival rivals carrier lender bank insurer startup start-up maker
    broadcaster newspaper daily outfit operator retailer giant conglomerate brand chain airline publisher
    manufacturer supplier distributor subsidiary owner developer producer
    """.split()
)
# Last words of the names of laws, reports and documents: not organisations.
DOCUMENT_WORDS = frozenset(
    """
    act bill law index report bluebook whitepaper plan strategy directive regulation charter protocol declaration
    accord agreement convention treaty amendment doctrine survey census budget manifesto
    """.split()
)
