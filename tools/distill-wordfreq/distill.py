#!/usr/bin/env python3
"""Distills word frequencies for the detector from wordfreq's data.

Usage: distill.py WORDFREQ_DATA_DIR OUT_FILE [WORDS_PER_LANGUAGE]

WORDFREQ_DATA_DIR is the `wordfreq/data` directory of the wordfreq 3.1.1 wheel
(`pip download wordfreq==3.1.1 --no-deps`, then unzip); reading its msgpack files
needs the `msgpack` module. For each language of the n-gram model (same codes,
same order as the header of ngrams.txt) it keeps the most frequent words made of
letters only, lowercased, and writes `<code> <word> <-ln p x 10>` lines, most
frequent first. Serbian is in Latin script in wordfreq (`sh`); each word is also
written in Cyrillic, the script Serbian is mostly written in.
"""

import gzip
import math
import sys
import unicodedata

import msgpack

# Model code -> wordfreq code.
LANGUAGES = {
    "bg": "bg", "en": "en", "es": "es", "fr": "fr", "id": "id", "it": "it", "mk": "mk",
    "ms": "ms", "pt": "pt", "ru": "ru", "sr": "sh", "tl": "fil", "uk": "uk",
}

# Serbian Latin to Cyrillic (digraphs first).
LATIN_TO_CYRILLIC = [
    ("lj", "љ"), ("nj", "њ"), ("dž", "џ"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
    ("d", "д"), ("đ", "ђ"), ("e", "е"), ("ž", "ж"), ("z", "з"), ("i", "и"), ("j", "ј"),
    ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
    ("s", "с"), ("t", "т"), ("ć", "ћ"), ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"),
    ("č", "ч"), ("š", "ш"),
]


# Languages written in Cyrillic; the others' lists keep Latin words only
# (and these keep Cyrillic ones only): a loanword in another script says
# nothing about the language, and the detector scores only the text's main script.
CYRILLIC = {"bg", "mk", "ru", "uk"}


def is_cyrillic(word):
    return any("\u0400" <= c <= "\u04ff" for c in word)


def cyrillic(word):
    for latin, cyr in LATIN_TO_CYRILLIC:
        word = word.replace(latin, cyr)
    return word if all("\u0400" <= c <= "\u04ff" for c in word) else None


def words(data_dir, code):
    """(word, centibels) pairs, most frequent first."""
    with gzip.open(f"{data_dir}/small_{code}.msgpack.gz") as f:
        buckets = msgpack.load(f, raw=False)
    for centibels, bucket in enumerate(buckets[1:]):
        for word in bucket:
            yield word, centibels


def main():
    data_dir, out_file = sys.argv[1], sys.argv[2]
    per_language = int(sys.argv[3]) if len(sys.argv) > 3 else 30000
    with open(out_file, "w", encoding="utf-8") as out:
        for code, source in LANGUAGES.items():
            kept = 0
            seen = set()
            for word, centibels in words(data_dir, source):
                word = unicodedata.normalize("NFC", word.lower())
                if not word.isalpha() or word in seen or is_cyrillic(word) != (code in CYRILLIC):
                    continue
                seen.add(word)
                # wordfreq's centibels: frequency = 10^(-cB/100).
                score = round(centibels / 100 * math.log(10) * 10)
                out.write(f"{code} {word} {score}\n")
                if code == "sr":
                    cyr = cyrillic(word)
                    if cyr and cyr not in seen:
                        seen.add(cyr)
                        out.write(f"{code} {cyr} {score}\n")
                kept += 1
                if kept >= per_language:
                    break


if __name__ == "__main__":
    main()
