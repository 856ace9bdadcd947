"""The GOOD files (well-formed documents of every format, each document carrying one marker word, so
the store can be asked whether each was stored exactly once), the same under odd names and deep
folders, and symbolic links that loop, dangle or lead out of the folder (to the canary file,
/etc/passwd, /proc, /dev), plus named pipes."""

from __future__ import annotations

from tiewatch.bench.hostile.corpus import ANY, GOOD, Maker, kind
from tiewatch.bench.hostile.prose import FORMATS, SUFFIX, sample

@kind("good", files=120, about="well-formed files of every format, mixed in; each of their documents must be stored once")
def good_files(m: Maker) -> None:
    for fmt in FORMATS:
        for n in range(m.count(15)):
            data, markers = sample(fmt, m.rng, m.marker)
            m.file(f"{fmt}/{n:03d}{SUFFIX[fmt]}", data, GOOD, markers)


ODD_NAMES: tuple[str | bytes, ...] = (
    "line\nbreak.txt", "tab\there.md", "carriage\rreturn.txt", "bell\x07ctrl.txt", b"latin1-\xe9t\xe9.txt",
    b"invalid-\xff\xfe-bytes.md", b"half-\xe2\x82-euro.html", "report..final.txt", "x..md", "-rf.txt", "--db=x.txt",
    "name with  spaces.txt", "\u00fcml\u00e4ut-\u00f1.md", "rtl-\u202etxt.exe.txt", "zero\u200bwidth.md",
    "emoji-\U0001f525.html", "colon: space.txt", "back\\slash.txt", "quote\"'.md", "*?[glob].txt", "$(whoami).txt",
    "%s%n.txt", "CON.txt", "UPPER.HTML", "no-suffix", "html-named.pdf", "a" * 240 + ".txt",
)
FORMAT_OF = {".txt": "txt", ".md": "md", ".html": "html", ".HTML": "html", ".pdf": "html", ".exe": "txt"}


def _format(name: str | bytes) -> str:
    text = name.decode("latin-1") if isinstance(name, bytes) else name
    return next((fmt for suffix, fmt in FORMAT_OF.items() if text.endswith(suffix)), "txt")


@kind("odd-names", files=40, about="good documents under names with newlines, invalid UTF-8, '..', controls, 240 characters")
def odd_names(m: Maker) -> None:
    for name in ODD_NAMES:
        data, markers = sample(_format(name), m.rng, m.marker)
        m.file(name, data, GOOD, markers)
    deep = "/".join(f"d{level}" for level in range(m.size(60, 3)))
    data, markers = sample("txt", m.rng, m.marker)
    m.file(f"{deep}/bottom.txt", data, GOOD, markers)
    data, _ = sample("txt", m.rng)
    m.file("..hidden.txt", data, ANY)  # hidden entries are left out of a folder walk


@kind("links", files=30, about="symbolic links that loop, dangle or lead out of the folder; named pipes")
def links(m: Maker) -> None:
    secret = m.outside
    for name, target in (
        ("to-canary.txt", secret), ("relative-out.txt", "../../outside/secret.txt"), ("passwd.txt", "/etc/passwd"),
        ("shadow.txt", "/etc/shadow"), ("etc", "/etc"), ("environ.txt", "/proc/self/environ"), ("zero.txt", "/dev/zero"),
        ("urandom.bin", "/dev/urandom"), ("dangling.txt", "nowhere/at/all.txt"), ("self.txt", "self.txt"),
        ("loop-a.txt", "loop-b.txt"), ("loop-b.txt", "loop-a.txt"), ("parent-loop", ".."), ("here-loop", "."),
        ("root", "/"), ("outside-dir", secret.parent),
    ):
        m.link(name, target)
    m.link("nested/up/canary-chain.txt", "../../to-canary.txt")
    m.link("nested/loop", "../nested")
    data, _ = sample("txt", m.rng)
    m.file("inside/target.txt", data, ANY)
    m.link("inside-link.txt", "inside/target.txt", ANY)  # stays inside the folder: may be read (as already known)
    m.fifo("pipe.txt")
