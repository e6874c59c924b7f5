"""Language data for segmentation, kept as plain data the way spaCy keeps ``spacy/lang/*``.

Abbreviations listed here never end a sentence: they become tokenizer special cases of the
blank spaCy pipelines, so the sentencizer does not split after their full stop.

Internal: data for :mod:`motives.segment`.
"""

#: Indonesian abbreviations common in theses, releases and citations.
ABBREVIATIONS_ID = (
    "No.", "no.", "Nomor.", "Hal.", "hal.", "hlm.", "Hlm.", "dkk.", "Dkk.", "dll.", "dsb.", "dst.",
    "tsb.", "yth.", "Yth.", "Prof.", "Dr.", "Drs.", "Dra.", "Ir.", "H.", "Hj.", "KH.", "K.H.",
    "S.H.", "M.H.", "S.E.", "M.M.", "M.Si.", "S.Sos.", "S.IP.", "S.Pd.", "M.Pd.", "S.T.", "M.T.",
    "M.A.", "Ph.D.", "S.Ag.", "Kab.", "Kec.", "Kel.", "Prov.", "Jl.", "Jln.", "Kota.", "Tbk.",
    "PT.", "CV.", "Sdr.", "Sdri.", "Bpk.", "Ibu.", "a.n.", "u.p.", "s.d.", "Tgl.", "tgl.", "Th.",
    "th.", "Ps.", "ayat.", "Pres.", "Wagub.", "Gub.", "Kep.", "Permen.", "Perda.", "RI.",
    "vol.", "Vol.", "ed.", "Ed.", "terj.", "cet.", "Cet.", "op.", "cit.", "Ibid.", "ibid.",
)

#: English abbreviations spaCy's English data does not already cover.
ABBREVIATIONS_EN = (
    "No.", "Nos.", "p.", "pp.", "vol.", "Vol.", "ed.", "eds.", "Ed.", "et al.", "al.", "cf.",
    "Prof.", "Dr.", "Gov.", "Sen.", "Rep.", "Hon.", "Amb.", "Dept.", "Govt.", "approx.", "ca.",
    "fig.", "Fig.", "ch.", "Ch.", "para.", "art.", "Art.", "Sec.", "sec.", "Ibid.", "ibid.",
)

#: Lettered list markers; special cases, so they never end a sentence. Numbered markers
#: ("1.") are handled by the ``motives_list_markers`` component instead, because "hlm. 5."
#: does end a sentence.
LIST_MARKERS = tuple(f"{c}." for c in "abcdefghijklmnopqrstuvwxyz")

#: Words that open a figure or table caption, or a source line (lower case).
CAPTION_WORDS = ("tabel", "table", "gambar", "figure", "fig.", "grafik", "chart", "diagram",
                 "bagan", "skema", "peta", "map", "foto", "photo", "lampiran")
SOURCE_WORDS = ("sumber", "source", "sources", "keterangan", "legend", "catatan", "note", "notes")
#: Openings of a source attribution under a table or figure (lower case, no colon needed).
ATTRIBUTION_WORDS = ("dikutip dari", "dikutif dari", "diolah dari", "disadur dari", "adapted from", "reproduced from")

#: Headings of sections whose content is never a passage (bibliography, contents).
NON_BODY_SECTIONS = ("daftar pustaka", "bibliografi", "referensi", "references", "bibliography",
                     "daftar isi", "table of contents", "contents", "daftar tabel", "daftar gambar",
                     "list of tables", "list of figures", "works cited")

#: Words and phrases that open a negation scope (lower case; see ``features.negation_scopes``).
NEGATION_CUES = (
    # Indonesian
    "tidak", "tak", "bukan", "bukanlah", "tanpa", "belum", "tiada", "jangan", "enggan",
    "tidak ada", "tidak terdapat", "tidak ditemukan", "tidak pernah", "kurang", "jauh dari",
    "bukannya", "membantah", "menampik", "menepis", "menolak anggapan", "menolak tudingan",
    # English
    "not", "no", "never", "without", "neither", "nor", "none", "nothing", "cannot",
    "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "can't",
    "hardly", "barely", "scarcely", "ruled out", "rule out", "rules out", "rejected the idea",
    "rejects the idea", "denied", "denies", "dismissed",
    "absence of", "lack of", "lacks", "lacked", "absent", "rather than", "instead of", "far from",
)
#: Cues that deny everything up to the end of the sentence, commas and conjunctions
#: included ("no evidence that the city sought recognition, a network or influence").
SENTENCE_NEGATION_CUES = (
    "tidak ditemukan", "tidak menemukan", "tak ditemukan", "tidak ada indikasi", "tidak ada bukti",
    "no sign", "no evidence", "no indication", "at no point", "nothing suggests",
)
#: Cues that follow what they deny ("trade and tourism barely featured", "budaya jarang
#: sekali disebut"): they also cover the words before them, back to the start of the clause.
BACKWARD_NEGATION_CUES = (
    "hampir tidak", "nyaris tidak", "jarang", "tak satu pun", "tidak satu pun", "sama sekali tidak",
    "hardly", "barely", "scarcely", "played no part", "played no role", "no part", "no role",
)
#: Openings that look like negation but add ("not only X but Y" affirms X). Each begins
#: with the first word of a cue: scopes are looked for only where a cue word occurs.
NOT_NEGATION = (
    "tidak hanya", "tak hanya", "bukan hanya", "bukan saja", "tidak saja", "bukan semata",
    "bukan semata-mata", "tidak semata", "tidak semata-mata", "tidak sekadar", "bukan sekadar",
    "tidak lain", "tak lain", "bukan tidak", "tidak kurang", "tak kurang",
    "not only", "not just", "not merely", "not simply", "not least", "no doubt",
    "no less", "nothing but", "not until", "without doubt", "kurang lebih",
    "tidak menampik", "tak menampik", "tidak membantah", "tak membantah", "tidak menepis",
    "not deny", "not denied", "didn't deny", "not rule out", "not ruled out", "never denied",
)
#: Words that close a negation scope: contrast, cause, and clause boundaries.
NEGATION_SCOPE_END = (
    "tetapi", "tapi", "namun", "melainkan", "sedangkan", "padahal", "karena", "sebab",
    "sehingga", "walaupun", "meskipun",
    "but", "however", "yet", "whereas", "while", "because", "since", "although", "though",
)
