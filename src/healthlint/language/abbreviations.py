"""Danish abbreviations that end in a full stop without ending the sentence.

The one list the tokenizer consults. Entries are lowercase and written with their dots.
"""

from __future__ import annotations

# Abbreviations that stand inside a sentence: a capital letter after them is a name or the
# start of a quoted phrase (`fx MR`, `ca. 5`, `kl. 8`, `jf. Sundhedsstyrelsen`), not a new sentence.
INSIDE = frozenset(
    {
        "adr.", "afd.", "alm.", "ang.", "anm.", "bl.a.", "ca.", "cand.", "d.", "dgl.", "dvs.",
        "el.", "eks.", "el.lign.", "evt.", "f.eks.", "f.ex.", "fa.", "fhv.", "fk.",
        "fr.", "fx.", "gl.", "hhv.", "ifm.", "ift.", "inkl.", "istf.", "jf.", "jvf.",
        "kap.", "kl.", "kr.", "max.", "md.", "mht.", "mdr.", "min.", "mio.", "mia.", 
        "nr.", "nto.", "obs.", "off.", "omkr.", "pga.", "p.gr.a.", "pct.", "pkt.",
        "prof.", "pr.", "red.", "resp.", "sek.", "sml.", "sdr.", "st.", "stk.", 
        "tlf.", "tidl.", "vedr.", "vha.", "vs.", "eng.", "lat.", "gr.", "lign.",
    }
)

# Abbreviations that close lists (`… osv.`) and therefore often end the sentence too:
# they end it when the next word starts with a capital letter.
CLOSING = frozenset({"etc.", "m.fl.", "m.m.", "mm.", "mv.", "m.v.", "o.l.", "o.lign.", "osv.", "m.a.o."})

# Latin anatomy markers before a lowercase Latin name (`m. gluteus medius`, `N. ulnaris`,
# `lig. patellae`): no sentence ends there; a capital letter after one starts a new sentence,
# as after the closing abbreviations.
LATIN = frozenset({"m.", "mm.", "n.", "nn.", "a.", "aa.", "v.", "lig.", "ligg.", "proc.", "tub."})

ALL = INSIDE | CLOSING | LATIN
