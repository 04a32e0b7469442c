"""La fiche d'orientation : ce que le médecin remet ou joint au dossier, en Markdown et en PDF.

Un seul contenu (``contenu_fiche``), deux rendus. Le PDF est produit en mémoire (aucun
fichier temporaire : ce sont des données de santé) avec fpdf2, en police DejaVu si le
système l'a (accents, tirets, « ≥ ») ; sinon en Helvetica, où les rares caractères hors
Latin-1 sont remplacés par leur équivalent (« – » → « - »). Même entrée, mêmes octets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from orientation.interfaces.formulaire import elements_saisis
from orientation.referentiel import Referentiel, referentiel_par_defaut
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat import Orientation
from orientation.resultat.rapport import entete_niveau, libelles, motif, scores_lisibles
from orientation.situation.modele import Situation


@dataclass(frozen=True)
class Bloc:
    """Un élément de la fiche : ``titre`` (niveau 1 à 3), ``texte``, ``alerte``, ``liste``
    ou ``sources`` (couples titre, lien)."""

    sorte: str
    texte: str = ""
    niveau: int = 0
    elements: tuple = ()


def _date(le: dt.date) -> str:
    mois = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre")
    return f"{le.day} {mois[le.month - 1]} {le.year}"


def contenu_fiche(situation: Situation, o: Orientation, le: dt.date,
                  referentiel: Referentiel | None = None) -> list[Bloc]:
    """Le contenu de la fiche : urgence et niveau d'abord, puis alertes, acteurs, appuis, et
    pourquoi. Les phrases viennent du vocabulaire, les libellés du catalogue."""
    ref = referentiel or referentiel_par_defaut()
    v = vocabulaire()
    libelle, description = entete_niveau(o, ref)
    blocs = [
        Bloc("titre", v.texte("titre_fiche"), 1),
        Bloc("texte", v.texte("date_reperage", date=_date(le)) + " — "
                      + v.texte("referentiel", version=o.referentiel.version,
                                nb_regles=o.referentiel.nb_regles)),
    ]
    alertes = list(o.alertes)
    if o.urgence:
        blocs += [Bloc("alerte", a.message) for a in alertes if a.id == "urgence"]
        alertes = [a for a in alertes if a.id != "urgence"]
        blocs += [Bloc("titre", v.texte("apres_urgence"), 2),
                  Bloc("texte", v.texte("apres_urgence_aide"))]
    blocs += [Bloc("titre", libelle, 2), Bloc("texte", description)]
    if alertes:
        blocs += [Bloc("titre", v.texte("alertes"), 2),
                  Bloc("liste", elements=tuple(a.message for a in alertes))]
    if o.secteurs or o.parcours or o.pps:
        lignes = []
        if o.secteurs:
            lignes.append(f"{v.texte('secteurs')} : {libelles('secteurs', o.secteurs, ref)}")
        if o.parcours:
            lignes.append(f"{v.texte('parcours')} : {libelles('parcours', o.parcours, ref)}")
        if o.pps:
            lignes.append(v.texte("pps"))
        blocs += [Bloc("titre", v.texte("secteurs_et_parcours"), 2),
                  Bloc("liste", elements=tuple(lignes))]
    if o.clusters:
        blocs.append(Bloc("titre", v.texte("acteurs"), 2))
        for c in o.clusters:
            blocs += [Bloc("titre", c.libelle, 3),
                      Bloc("liste", elements=tuple(a.libelle for a in c.acteurs))]
    if o.appuis:
        blocs += [Bloc("titre", v.texte("appuis"), 2),
                  Bloc("liste", elements=tuple(a.libelle for a in o.appuis))]
    scores = scores_lisibles(o)
    if scores:
        blocs += [Bloc("titre", v.texte("scores"), 2), Bloc("liste", elements=tuple(scores))]
    blocs += [Bloc("titre", v.texte("situation"), 2),
              Bloc("liste", elements=tuple(f"{lib} : {val}"
                                           for lib, val in elements_saisis(situation)))]
    blocs.append(Bloc("titre", v.texte("pourquoi"), 2))
    if not o.explications:
        blocs.append(Bloc("texte", v.texte("aucune_regle")))
    for e in o.explications:
        blocs.append(Bloc("titre", f"{e.regle} — {e.titre}", 3))
        if e.valeurs:
            blocs.append(Bloc("texte", majuscule(v.texte("car", motif=motif(e.valeurs))) + "."))
        blocs.append(Bloc("sources", elements=tuple(
            (r.titre + (f" ({r.article})" if r.article and r.article not in r.titre else ""),
             r.lien) for r in e.references)))
    blocs.append(Bloc("texte", v.texte("avertissement")))
    return blocs


# --- Markdown ----------------------------------------------------------------------------------


def _md(texte: str) -> str:
    """Échappe les caractères qui changeraient le sens du Markdown."""
    for c in "\\`*_[]<>#|":
        texte = texte.replace(c, "\\" + c)
    return texte


def fiche_markdown(situation: Situation, o: Orientation, le: dt.date) -> str:
    lignes: list[str] = []
    for b in contenu_fiche(situation, o, le):
        if b.sorte == "titre":
            lignes += ["#" * b.niveau + " " + _md(b.texte), ""]
        elif b.sorte == "texte":
            lignes += [_md(b.texte), ""]
        elif b.sorte == "alerte":
            lignes += [f"> **{_md(b.texte)}**", ""]
        elif b.sorte == "liste":
            lignes += [f"- {_md(x)}" for x in b.elements] + [""]
        elif b.sorte == "sources":
            refs = [f"[{_md(t)}]({lien})" if lien else _md(t) for t, lien in b.elements]
            lignes += [f"{vocabulaire().texte('sources')} : " + " ; ".join(refs), ""]
    return "\n".join(lignes).rstrip() + "\n"


# --- PDF ---------------------------------------------------------------------------------------

_POLICES_DEJAVU = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts/dejavu"),
)
_HORS_LATIN1 = {"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...",
                "≥": ">=", "≤": "<=", "≠": "!=", "→": "->", "œ": "oe", "Œ": "OE",
                "\u202f": " ", "•": "-", "−": "-"}


def police_dejavu() -> tuple[Path, Path] | None:
    """DejaVu Sans (normal, gras) si le système l'a (paquet Debian fonts-dejavu-core)."""
    for dossier in _POLICES_DEJAVU:
        normal, gras = dossier / "DejaVuSans.ttf", dossier / "DejaVuSans-Bold.ttf"
        if normal.is_file() and gras.is_file():
            return normal, gras
    return None


def fiche_pdf(situation: Situation, o: Orientation, le: dt.date,
              police: tuple[Path, Path] | None | bool = True) -> bytes:
    """La fiche en PDF (A4), en mémoire. ``police`` : ``True`` pour DejaVu si présente,
    ``None`` pour Helvetica, ou les chemins (normal, gras) d'une police TrueType."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    if police is True:
        police = police_dejavu()

    class _Fiche(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(famille, "", 8)
            self.set_text_color(110)
            self.cell(0, 6, propre(f"{vocabulaire().texte('titre_fiche')} — page "
                                   f"{self.page_no()}/{{nb}}"),
                      align="C")

    pdf = _Fiche(format="A4")
    pdf.set_creation_date(dt.datetime(le.year, le.month, le.day, tzinfo=dt.UTC))
    pdf.set_title(vocabulaire().texte("titre_fiche"))
    pdf.set_producer("orientation")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=16)
    if police:
        famille = "DejaVu"
        pdf.add_font(famille, "", str(police[0]))
        pdf.add_font(famille, "B", str(police[1]))

        def propre(t: str) -> str:
            return t
    else:
        famille = "Helvetica"

        def propre(t: str) -> str:
            for c, r in _HORS_LATIN1.items():
                t = t.replace(c, r)
            return t.encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    largeur = pdf.epw
    tailles = {1: 18, 2: 13, 3: 11}
    for b in contenu_fiche(situation, o, le):
        pdf.set_text_color(0)
        if b.sorte == "titre":
            pdf.ln(2 if b.niveau == 3 else 4)
            pdf.set_font(famille, "B", tailles[b.niveau])
            if b.niveau == 2:
                pdf.set_text_color(13, 71, 161)
            pdf.multi_cell(largeur, tailles[b.niveau] * 0.5, propre(b.texte),
                           new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif b.sorte in ("texte", "alerte"):
            pdf.set_font(famille, "B" if b.sorte == "alerte" else "", 10)
            if b.sorte == "alerte":
                pdf.set_text_color(176, 0, 32)
            pdf.multi_cell(largeur, 5, propre(b.texte), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif b.sorte == "liste":
            pdf.set_font(famille, "", 10)
            for x in b.elements:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(largeur - 4, 5, propre(f"- {x}"), new_x=XPos.LMARGIN,
                               new_y=YPos.NEXT)
        elif b.sorte == "sources":
            pdf.set_font(famille, "", 8)
            pdf.set_text_color(80)
            pdf.write(4, propre(f"{vocabulaire().texte('sources')} : "))
            for i, (titre, lien) in enumerate(b.elements):
                if i:
                    pdf.write(4, " ; ")
                if lien:
                    pdf.set_text_color(13, 71, 161)
                    pdf.write(4, propre(titre), link=lien)
                    pdf.set_text_color(80)
                else:
                    pdf.write(4, propre(titre))
            pdf.ln(5)
    return bytes(pdf.output())
