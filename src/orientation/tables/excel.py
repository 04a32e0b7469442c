"""Un classeur Excel (.xlsx) écrit en flux, sans fichier temporaire.

openpyxl en mode « write-only » passe chaque feuille par un fichier de ``/tmp`` (des données
de patients y restaient après un arrêt brutal) ; XlsxWriter garde tout en mémoire (plusieurs
Go pour une feuille pleine). Le format est simple pour ce qu'il faut ici — du texte, des
nombres, un en-tête en gras figé, des largeurs de colonnes — : les parties XML sont écrites
directement dans l'archive zip de sortie (``zipfile``, de la bibliothèque standard), rangée
par rangée, dans le flux donné (le fichier temporaire de sortie, ou la mémoire pour
l'application). Chaque texte est une chaîne « en ligne » : jamais une formule.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from typing import IO, Any

import numpy as np
import pyarrow as pa

LONGUEUR_MAX_CELLULE = 32_767
_INTERDITS_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
{feuilles}</Types>"""
_TYPE_FEUILLE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\n')
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_CLASSEUR = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets>{feuilles}</sheets></workbook>"""
_RELS_CLASSEUR = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
{feuilles}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_DEBUT_FEUILLE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetViews><sheetView workbookViewId="0"{selection}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
<cols>{colonnes}</cols><sheetData>"""
_FIN_FEUILLE = "</sheetData></worksheet>"


def _xml(texte: str) -> str:
    if len(texte) > LONGUEUR_MAX_CELLULE:
        texte = texte[: LONGUEUR_MAX_CELLULE - 1] + "…"
    texte = (texte.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    return _INTERDITS_XML.sub("\ufffd", texte)


def _cellule_texte(texte: str, style: str = "") -> str:
    espace = ' xml:space="preserve"' if texte[:1].isspace() or texte[-1:].isspace() else ""
    return f'<c{style} t="inlineStr"><is><t{espace}>{_xml(texte)}</t></is></c>'


def _cellules(colonne: pa.Array) -> list[str]:
    """Le XML de chaque cellule d'une colonne (calculé une fois par valeur d'un
    dictionnaire)."""
    if pa.types.is_dictionary(colonne.type):
        table = _cellules(colonne.dictionary) + ["<c/>"]
        indices = colonne.indices.fill_null(len(table) - 1).to_numpy(zero_copy_only=False)
        return list(np.array(table, dtype=object)[indices]) if len(indices) else []
    t = colonne.type
    valeurs = colonne.to_pylist()
    if pa.types.is_boolean(t):
        return ["<c/>" if v is None else _cellule_texte("oui" if v else "non") for v in valeurs]
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        return ["<c/>" if v is None or v != v else f"<c><v>{v!r}</v></c>" for v in valeurs]
    return ["<c/>" if v is None else _cellule_texte(str(v)) for v in valeurs]


def _largeur(textes: Sequence[Any]) -> float:
    longueur = max((len(str(t)) for t in textes if t is not None), default=0)
    return float(min(60, max(8, longueur + 2)))


class ClasseurEnFlux:
    """Écrit un classeur feuille après feuille : ``feuille`` ouvre une feuille (en-tête en
    gras, figé, largeurs estimées sur le premier lot), ``ajouter`` y écrit des rangées,
    ``fermer`` termine l'archive."""

    def __init__(self, flux: IO[bytes]):
        self._zip = zipfile.ZipFile(flux, "w", compression=zipfile.ZIP_DEFLATED,
                                    compresslevel=5)
        self._noms: list[str] = []
        self._partie: IO[bytes] | None = None

    def feuille(self, nom: str, entete: Sequence[str], exemple: pa.RecordBatch | None) -> None:
        self._finir_feuille()
        self._noms.append(nom)
        largeurs = []
        for j, titre in enumerate(entete):
            valeurs = [titre]
            if exemple is not None and exemple.num_rows:
                colonne = exemple.column(j).slice(0, 200)
                valeurs += colonne.to_pylist()
            largeurs.append(_largeur(valeurs))
        colonnes = "".join(f'<col min="{j + 1}" max="{j + 1}" width="{w}" customWidth="1"/>'
                           for j, w in enumerate(largeurs))
        self._partie = self._zip.open(f"xl/worksheets/sheet{len(self._noms)}.xml", "w",
                                      force_zip64=True)
        selection = ' tabSelected="1"' if len(self._noms) == 1 else ""
        self._partie.write(_DEBUT_FEUILLE.format(selection=selection,
                                                 colonnes=colonnes).encode("utf-8"))
        self._partie.write(("<row>" + "".join(_cellule_texte(t, ' s="1"') for t in entete)
                            + "</row>").encode("utf-8"))

    def ajouter(self, lot: pa.RecordBatch) -> None:
        assert self._partie is not None
        if not lot.num_rows:
            return
        colonnes = [_cellules(lot.column(j)) for j in range(lot.num_columns)]
        rangees = ["<row>" + "".join(cellules) + "</row>" for cellules in zip(*colonnes,
                                                                            strict=True)]
        self._partie.write("".join(rangees).encode("utf-8"))

    def ajouter_rangees(self, rangees: Sequence[Sequence[Any]]) -> None:
        assert self._partie is not None
        morceaux = []
        for rangee in rangees:
            cellules = []
            for v in rangee:
                if v is None:
                    cellules.append("<c/>")
                elif isinstance(v, int | float) and not isinstance(v, bool):
                    cellules.append(f"<c><v>{v!r}</v></c>")
                else:
                    cellules.append(_cellule_texte(str(v)))
            morceaux.append("<row>" + "".join(cellules) + "</row>")
        self._partie.write("".join(morceaux).encode("utf-8"))

    def feuille_rejets(self, rejets: Sequence[Any], presentation: Any) -> None:
        from orientation.tables.fichiers import neutraliser_texte

        rangees = [(r.ligne, neutraliser_texte(r.id or ""), neutraliser_texte(r.champ),
                    neutraliser_texte(r.message)) for r in rejets]
        self.feuille("rejets", ["ligne", "id", "champ", "message"],
                     pa.RecordBatch.from_pylist([dict(zip(("ligne", "id", "champ", "message"),
                                                          r, strict=True))
                                                 for r in rangees[:200]])
                     if rangees else None)
        self.ajouter_rangees(rangees)

    def _finir_feuille(self) -> None:
        if self._partie is not None:
            self._partie.write(_FIN_FEUILLE.encode("utf-8"))
            self._partie.close()
            self._partie = None

    def fermer(self) -> None:
        self._finir_feuille()
        feuilles = "".join(_TYPE_FEUILLE.format(n=i + 1) for i in range(len(self._noms)))
        self._zip.writestr("[Content_Types].xml", _TYPES.format(feuilles=feuilles))
        self._zip.writestr("_rels/.rels", _RELS)
        self._zip.writestr("xl/workbook.xml", _CLASSEUR.format(feuilles="".join(
            f'<sheet name="{_xml(nom)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, nom in enumerate(self._noms))))
        self._zip.writestr("xl/_rels/workbook.xml.rels", _RELS_CLASSEUR.format(feuilles="".join(
            f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(self._noms)))))
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.close()


def classeur(feuilles: dict[str, tuple[Sequence[str], Sequence[Sequence[Any]]]],
             flux: IO[bytes]) -> None:
    """Un petit classeur (modèle, documentation) : nom de feuille → (en-tête, rangées)."""
    c = ClasseurEnFlux(flux)
    for nom, (entete, rangees) in feuilles.items():
        exemple = None
        if rangees:
            exemple = pa.RecordBatch.from_arrays(
                [pa.array([None if r[j] is None else str(r[j]) for r in rangees[:200]],
                          pa.string()) for j in range(len(entete))],
                names=[str(e) for e in entete])
        c.feuille(nom, entete, exemple)
        c.ajouter_rangees(rangees)
    c.fermer()
