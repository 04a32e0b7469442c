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
from typing import TYPE_CHECKING

from orientation.interfaces.formulaire import elements_saisis
from orientation.referentiel import Referentiel, referentiel_par_defaut
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat import Orientation
from orientation.resultat.rapport import entete_niveau, libelles, motif, scores_lisibles
from orientation.situation.modele import Situation

if TYPE_CHECKING:
    from orientation.resultat.demande import Demande


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
              police: tuple[Path, Path] | None | bool = True,
              demande: Demande | None = None) -> bytes:
    """La fiche en PDF (A4), en mémoire : la demande d'appui au DAC sur une page, puis
    l'annexe (``orientation.resultat.demande``). ``police`` : ``True`` pour DejaVu si
    présente, ``None`` pour Helvetica, ou les chemins (normal, gras) d'une police TrueType ;
    ``demande`` : ce que le professionnel saisit à l'export (identité, motif…), jamais
    enregistré."""
    from orientation.resultat.demande import demande_pdf

    return demande_pdf(situation, o, le, demande, police)
