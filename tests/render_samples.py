"""Hand-built comparisons for the renderer tests (no parser or aligner needed).

``word_ops`` is a slow obvious word diff (difflib, autojunk off) whose old
sides concatenate to the old text and new sides to the new text, as the
model's contract requires; ``sample_comparison`` covers every change type,
a verb change, a rollover, a split, a merge, a move, and hostile markup.
"""

from __future__ import annotations

import difflib
import re

from diffing.model import Change, Comparison, Footnote, Op, Paragraph, Resolution, VerbChange

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
FILE_IMG = '<img src="file:///etc/passwd">'


def word_ops(old: str, new: str) -> list[Op]:
    a = re.findall(r"\s+|[^\s]+", old)
    b = re.findall(r"\s+|[^\s]+", new)
    ops = []
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        ops.append(Op(tag, "".join(a[i1:i2]), "".join(b[j1:j2])))
    return ops


def pp(pid: str, lead: str, text: str, **kw: object) -> Paragraph:
    return Paragraph(id=pid, kind="preambular", text=text, lead=lead, **kw)  # type: ignore[arg-type]


def op(pid: str, lead: str, text: str, **kw: object) -> Paragraph:
    number = pid.split(".")[-1].removeprefix("OP")
    return Paragraph(id=pid, kind="operative", text=text, lead=lead, number=number, **kw)  # type: ignore[arg-type]


def sub(pid: str, text: str) -> Paragraph:
    letter = pid[pid.index("(") + 1 : -1]
    return Paragraph(
        id=pid, kind="subparagraph", text=text, number=f"({letter})", parent=pid[: pid.index("(")]
    )


def change(
    kind: str,
    old_res: Resolution,
    new_res: Resolution,
    old: list[str],
    new: list[str],
    **kw: object,
) -> Change:
    old_text = "\n".join(old_res.paragraph(i).text for i in old)
    new_text = "\n".join(new_res.paragraph(i).text for i in new)
    if not old:
        ops = [Op("insert", "", new_text)]
    elif not new:
        ops = [Op("delete", old_text, "")]
    else:
        ops = word_ops(old_text, new_text)
    sim = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).ratio()
    return Change(kind, old, new, similarity=sim, ops=ops, **kw)  # type: ignore[arg-type]


def sample_resolutions(language: str = "en") -> tuple[Resolution, Resolution]:
    old = Resolution(
        symbol="A/RES/73/11",
        language=language,
        title="Cooperation between the United Nations and INTERPOL",
        adopted="26 November 2018",
        footnotes=[Footnote("1", "See A/71/L.12.")],
        paragraphs=[
            pp(
                "PP1",
                "Recalling",
                "Recalling its resolution 71/19 of 21 November 2016,",
                footnotes=["1"],
            ),
            pp(
                "PP2", "Noting with concern", "Noting with concern the rise of transnational crime,"
            ),
            pp("PP3", "Welcoming", "Welcoming the work of INTERPOL,"),
            pp("PP4", "Acknowledging", f"Acknowledging the importance {SCRIPT} of cooperation,"),
            op("OP1", "Encourages", "Encourages Member States to cooperate with INTERPOL;"),
            op(
                "OP2",
                "Requests",
                "Requests the Secretary-General to report at its seventy-fifth session;",
            ),
            op("OP3", "Invites", "Invites INTERPOL to share data and to train police, including:"),
            sub("OP3(a)", "training of trainers;"),
            sub("OP3(b)", "exchange of experts;"),
            op("OP4", "Stresses", f"Stresses the need for funding {FILE_IMG};"),
            op("OP5", "Calls upon", "Calls upon States to act;"),
            op("OP6", "Also calls upon", "Also calls upon States to exchange information;"),
        ],
    )
    new = Resolution(
        symbol="A/RES/75/10",
        language=language,
        title="Cooperation between the United Nations and INTERPOL",
        adopted="23 November 2020",
        footnotes=[Footnote("1", "See A/71/L.12."), Footnote("2", "See A/73/L.21.")],
        paragraphs=[
            pp(
                "PP1",
                "Recalling",
                "Recalling its resolutions 71/19 of 21 November 2016 and 73/11 of 26 November 2018,",
                footnotes=["1", "2"],
            ),
            pp("PP2", "Acknowledging", f"Acknowledging the great importance {IMG} of cooperation,"),
            pp("PP3", "Noting", "Noting the rise of transnational crime,"),
            pp("PP4", "Welcoming", "Welcoming the work of INTERPOL,"),
            pp("PP5", "Recognizing", "Recognizing the role of women in policing,"),
            op("OP1", "Urges", "Urges Member States to cooperate with INTERPOL;"),
            op(
                "OP2",
                "Requests",
                "Requests the Secretary-General to report at its seventy-seventh session;",
            ),
            op("OP3", "Invites", "Invites INTERPOL to share data;"),
            op("OP4", "Also invites", "Also invites INTERPOL to train police, including:"),
            sub("OP4(a)", "training of trainers;"),
            sub("OP4(b)", "exchange of experts;"),
            op("OP5", "Calls upon", "Calls upon States to act and to exchange information;"),
        ],
    )
    return old, new


def sample_comparison(language: str = "en") -> Comparison:
    o, n = sample_resolutions(language)
    changes = [
        change("reworded", o, n, ["PP1"], ["PP1"], tags=["footnotes"]),
        change("moved", o, n, ["PP4"], ["PP2"]),
        change("reworded", o, n, ["PP2"], ["PP3"]),
        change("unchanged", o, n, ["PP3"], ["PP4"]),
        change("added", o, n, [], ["PP5"]),
        change(
            "reworded",
            o,
            n,
            ["OP1"],
            ["OP1"],
            verb_change=VerbChange("Encourages", "Urges", "stronger"),
        ),
        change("reworded", o, n, ["OP2"], ["OP2"], tags=["rollover"]),
        change("split", o, n, ["OP3"], ["OP3", "OP4"]),
        change("unchanged", o, n, ["OP3(a)"], ["OP4(a)"]),
        change("unchanged", o, n, ["OP3(b)"], ["OP4(b)"]),
        change("removed", o, n, ["OP4"], []),
        change("merged", o, n, ["OP5", "OP6"], ["OP5"]),
    ]
    return Comparison(o, n, changes)


def french_pair() -> tuple[str, str]:
    """The French text of A/RES/75/10 (fixtures/) and a next version derived from it, as a
    francophone delegate would edit it: a stronger verb in OP10, OP11 removed, a new
    preambular paragraph, a sub-paragraph reworded, the sessions moved on two years (the
    text is then that of session 77, A/RES/77/20 of 21 November 2022)."""
    from pathlib import Path

    old = (Path(__file__).resolve().parent.parent / "fixtures" / "A_RES_75_10_fr.md").read_text(
        encoding="utf-8"
    )
    new = old.replace(
        "10. *Encourage* l'Organisation des Nations Unies, en particulier",
        "10. *Exhorte* l'Organisation des Nations Unies, en particulier",
    )
    lines = new.split("\n")
    lines = [line for line in lines if not line.startswith("11. *Demande* au système")]
    new = "\n".join(lines)
    new = new.replace(
        "Convaincue que l'intensification",
        "*Se félicitant* de l'ouverture du Centre d'innovation d'INTERPOL à Singapour,\n\n"
        "Convaincue que l'intensification",
    )
    new = new.replace(
        "a) Le système mondial de communication policière sécurisée I-24/7 d'INTERPOL",
        "a) Le système mondial de communication policière sécurisée I-24/7 d'INTERPOL"
        " et ses applications mobiles",
    )
    new = new.replace("soixante-dix-septième", "soixante-dix-neuvième")
    # the next version: session 77, adopted two years later
    for was, now in (
        ("Soixante-quinzième session", "Soixante-dix-septième session"),
        ("30 novembre 2020", "28 novembre 2022"),
        ("le 23 novembre 2020", "le 21 novembre 2022"),
        ("23 novembre 2020*", "21 novembre 2022*"),
        ("A/75/L.20", "A/77/L.20"),
        ("75/10. Coopération", "77/20. Coopération"),
    ):
        assert was in new, was
        new = new.replace(was, now)
    assert new.count("Exhorte") == 1 and "11. *Demande* au système" not in new
    return old, new
