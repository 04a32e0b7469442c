"""Le modèle de tableau à remplir et sa documentation, engendrés depuis le vocabulaire.

``orientation modele -o modele.xlsx`` (feuille « situations » vierge avec une ligne
d'exemple, feuille « colonnes » qui documente chaque colonne), ``-o modele.csv`` (pour Excel
en français : « ; », UTF-8 avec BOM) et ``-o docs/vocabulaire.md`` (la documentation du
dépôt, vérifiée à jour par un test). Tout vient du modèle de la situation et de l'unique
vocabulaire (``colonnes.vocabulaire``) : un champ ajouté y apparaît sans toucher à ce module.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from orientation.referentiel.vocabulaire import vocabulaire
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.colonnes import (
    CHAMPS_COLONNES,
    COLONNE_ID,
    COLONNES,
    COLONNES_RESULTATS,
    DESCRIPTION_COLONNES,
    DESCRIPTION_SORTIE,
    libelle_colonne,
    modele_vierge,
)

_GENRES = {"booleen": "oui / non", "entier": "nombre entier", "enum": "une valeur",
           "liste": "liste (« ; » entre les valeurs)"}


def _valeurs(chemin: str) -> str:
    c = CHAMPS_COLONNES.get(chemin)
    if c is None:
        return "texte libre"
    if c.genre == "booleen":
        return "oui, non (aussi vrai/faux, true/false, 1/0)"
    if c.genre == "entier":
        return f"de {c.minimum} à {c.maximum}"
    voc = vocabulaire()
    return ", ".join(f"{v} ({voc.valeur(v)})" if voc.valeur(v) != v else v for v in c.valeurs)


def documentation() -> list[tuple[str, str, str, str, str]]:
    """Une rangée par colonne : chemin, libellé accepté en en-tête, type, valeurs, sens."""
    rangees = []
    for chemin in COLONNES:
        c = CHAMPS_COLONNES.get(chemin)
        genre = "texte" if c is None else _GENRES[c.genre]
        rangees.append((chemin, libelle_colonne(chemin), genre, _valeurs(chemin),
                        DESCRIPTION_COLONNES[chemin]))
    return rangees


ENTETE_DOCUMENTATION = ("colonne", "libellé (accepté en en-tête)", "type", "valeurs permises",
                        "description")


def _cellule_md(texte: str) -> str:
    return texte.replace("|", "\\|").replace("\n", " ")


def vocabulaire_markdown() -> str:
    """Le contenu de ``docs/vocabulaire.md``."""
    lignes = [
        "# Vocabulaire des tableaux de situations",
        "",
        "<!-- Engendré par `orientation modele -o docs/vocabulaire.md` depuis le modèle de la",
        "     situation et le vocabulaire ; ne pas modifier à la main (un test le vérifie). -->",
        "",
        "Une ligne par patient, une colonne par champ. L'en-tête d'une colonne est son chemin",
        "(`social.aidant`) ou son libellé (« aidant »), sans casse ni accents. Chaque valeur",
        "d'une liste fermée s'écrit par son identifiant (`epuise`) ou son libellé (« épuisé »,",
        "« Épuisé ») ; les listes séparent leurs valeurs par « ; ». Une cellule vide prend la",
        "valeur par défaut. Les autres colonnes (un commentaire…) sont recopiées telles quelles",
        "dans la sortie ; une colonne qui ressemble à un champ mal orthographié refuse le",
        "fichier. Le modèle à remplir : `orientation modele -o modele.xlsx` (ou `.csv`).",
        "",
        "## Colonnes d'entrée",
        "",
        "| " + " | ".join(ENTETE_DOCUMENTATION) + " |",
        "|" + "---|" * len(ENTETE_DOCUMENTATION),
    ]
    for rangee in documentation():
        chemin, *reste = rangee
        lignes.append(f"| `{chemin}` | " + " | ".join(_cellule_md(x) for x in reste) + " |")
    lignes += [
        "",
        "## Colonnes de résultat",
        "",
        "La sortie de `orientation batch` reprend les colonnes d'entrée, puis :",
        "",
        "| colonne | description |",
        "|---|---|",
    ]
    for c in COLONNES_RESULTATS:
        lignes.append(f"| `{c}` | {_cellule_md(DESCRIPTION_SORTIE[c])} |")
    return "\n".join(lignes) + "\n"


def modele_rangees() -> tuple[list[str], list[list[str]]]:
    df = modele_vierge()
    return list(df.columns), [[str(v) for v in r] for r in df.itertuples(index=False)]


def modele_csv() -> bytes:
    """Le modèle en CSV pour Excel en français : « ; », UTF-8 avec BOM."""
    entete, rangees = modele_rangees()
    texte = io.StringIO()
    w = csv.writer(texte, delimiter=";", lineterminator="\r\n")
    w.writerow(entete)
    w.writerows(rangees)
    return codecs.BOM_UTF8 + texte.getvalue().encode("utf-8")


def modele_excel() -> bytes:
    """Le modèle et, sur une seconde feuille, la description de chaque colonne."""
    from orientation.tables.excel import classeur

    entete, rangees = modele_rangees()
    flux = io.BytesIO()
    classeur({"situations": (entete, rangees),
              "colonnes": (list(ENTETE_DOCUMENTATION), documentation())}, flux)
    return flux.getvalue()


def ecrire_modele(chemin: Path) -> None:
    suffixe = chemin.suffix.lower()
    if suffixe == ".xlsx":
        contenu = modele_excel()
    elif suffixe == ".csv":
        contenu = modele_csv()
    elif suffixe == ".md":
        contenu = vocabulaire_markdown().encode("utf-8")
    else:
        raise ErreurSaisie([f"(fichier) : « {chemin.name} » : choisissez .xlsx, .csv ou .md"])
    from orientation.tables.fichiers import FichierAtomique

    fichier = FichierAtomique(chemin)
    try:
        fichier.flux.write(contenu)
        fichier.valider()
    except BaseException:
        fichier.abandonner()
        raise


__all__ = ["COLONNE_ID", "documentation", "ecrire_modele", "modele_csv", "modele_excel",
           "vocabulaire_markdown"]
