"""``orientation batch`` : lire une cohorte par blocs, la repérer, écrire les résultats.

Formats (par l'extension) : ``.csv`` (séparateur « , » ou « ; » détecté sur l'en-tête),
``.jsonl`` (un objet par ligne, clés pointées ou objets imbriqués), ``.parquet`` et
``.xlsx`` (première feuille). CSV, JSON Lines et Parquet sont lus par blocs : la mémoire ne
dépend pas du nombre de lignes. Excel est lu ligne à ligne par openpyxl (mémoire bornée,
mais lent : environ 10 fois plus que le CSV) et limité à 1 048 576 lignes par feuille : pour
les grandes cohortes, préférez CSV ou Parquet.

Numéro de ligne des rejets : celui que l'utilisateur voit — en CSV et Excel l'en-tête est la
ligne 1 ; en Parquet la première ligne de données est la ligne 2 (comme affichée sous son
en-tête dans un tableur) ; en JSON Lines, la ligne du fichier. Un CSV dont une valeur entre
guillemets contient un saut de ligne décale ces numéros (déconseillé).

Rien n'est écrit ailleurs que dans les fichiers demandés : sortie, et rejets à côté
(``<sortie>.rejets.csv``) ; sans ``-o``, la sortie va sur la sortie standard (CSV) et les
rejets sur la sortie d'erreur seulement.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import re
import sys
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from orientation.referentiel import Referentiel, charger_referentiel, dossier_regles_par_defaut
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.cohorte import MESSAGE_ENCODAGE, ReperageCohorte
from orientation.tables.colonnes import (
    COLONNES,
    COLONNES_REJETS,
    COLONNES_SORTIE,
    Rejet,
    verifier_colonnes,
)

FORMATS = (".csv", ".jsonl", ".parquet", ".xlsx")
TAILLE_BLOC = 20_000
LIGNES_MAX_EXCEL = 1_048_576
_LIGNE_SAUTEE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


@dataclass(frozen=True)
class _FormatCsv:
    sep: str
    noms: tuple[str, ...]
    encodage: str
    verifier_encodage: bool


@dataclass
class Bloc:
    df: pd.DataFrame
    lignes: np.ndarray
    illisibles: np.ndarray | None = None
    rejets: list[Rejet] = field(default_factory=list)  # lignes refusées avant validation
    nb_refusees: int = 0  # nombre de ces lignes (hors ``df``)
    brut: bytes | None = None  # CSV : lignes brutes, analysées par le processus de calcul
    format_csv: _FormatCsv | None = None
    premiere: int = 2
    nb_brut: int = 0


@dataclass
class Bilan:
    lues: int = 0
    reperees: int = 0
    rejetees: int = 0
    secondes: float = 0.0
    avertissements: list[str] = field(default_factory=list)

    @property
    def debit(self) -> float:
        return self.reperees / self.secondes if self.secondes else 0.0


def format_de(chemin: str | Path) -> str:
    suffixe = Path(chemin).suffix.lower()
    if suffixe not in FORMATS:
        raise ErreurSaisie([f"(fichier) : format « {suffixe or Path(chemin).name} » non pris en "
                            f"charge ; formats permis : {', '.join(FORMATS)}"])
    return suffixe


# --- Lecture ------------------------------------------------------------------------------------


def _examiner_utf8(chemin: Path) -> tuple[int, int | None]:
    """(nombre de lignes, première ligne qui n'est pas en UTF-8 ou None), en un passage."""
    decodeur = codecs.getincrementaldecoder("utf-8")()
    lignes, fautive = 0, None
    with chemin.open("rb") as f:
        for morceau in iter(lambda: f.read(1 << 20), b""):
            if fautive is None:
                try:
                    decodeur.decode(morceau)
                except UnicodeDecodeError as e:
                    fautive = lignes + morceau[: e.start].count(b"\n") + 1
            lignes += morceau.count(b"\n")
    return lignes, fautive


def separateur_csv(entete: str) -> str:
    """« ; » (Excel en français) ou « , », lu sur la ligne d'en-tête."""
    return ";" if entete.count(";") > entete.count(",") else ","


def _lire_csv(chemin: Path, encodage: str | None, taille: int,
              avertir: Callable[[str], None]) -> Iterator[Bloc]:
    """Découpe le CSV en blocs de lignes brutes (octets) ; l'analyse se fait dans le
    processus de calcul (``_analyser_csv``), le processus principal ne fait que lire."""
    fautive = None
    verifier = encodage is not None  # un encodage donné peut ne pas convenir à tout le fichier
    if encodage is None:
        _, fautive = _examiner_utf8(chemin)
        if fautive is not None:
            avertir(f"(fichier) : le fichier n'est pas en UTF-8 (première erreur ligne "
                    f"{fautive}) ; les lignes illisibles sont rejetées. Ré-enregistrez-le en "
                    "UTF-8, ou relancez avec --encodage latin-1 s'il vient d'Excel sous Windows.")
    encodage = encodage or "utf-8"
    with chemin.open("rb") as f:
        entete = f.readline()
        texte = entete.decode(encodage, errors="surrogateescape").lstrip("\ufeff")
        sep = separateur_csv(texte)
        noms = next(csv.reader([texte], delimiter=sep), [])
        verifier_colonnes(noms)
        format_csv = _FormatCsv(sep, tuple(noms), encodage, verifier or fautive is not None)
        premiere = 2
        while True:
            lignes = list(itertools.islice(f, taille))
            if not lignes:
                return
            brut = b"".join(lignes)
            if not brut.endswith(b"\n"):
                brut += b"\n"
            yield Bloc(pd.DataFrame(), np.array([], dtype=np.int64), brut=brut,
                       format_csv=format_csv, premiere=premiere, nb_brut=len(lignes))
            premiere += len(lignes)


def _analyser_csv(bloc: Bloc) -> Bloc:
    """Les lignes brutes d'un bloc CSV → tableau de cellules texte, numéro de chaque ligne,
    lignes refusées (nombre de valeurs faux) et cellules illisibles (encodage)."""
    fmt = bloc.format_csv
    assert fmt is not None and bloc.brut is not None
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always")
        df = pd.read_csv(
            io.BytesIO(bloc.brut), sep=fmt.sep, names=list(fmt.noms), header=None, dtype=str,
            keep_default_na=False, na_filter=False, skip_blank_lines=False,
            encoding=fmt.encodage, encoding_errors="surrogateescape", on_bad_lines="warn",
            engine="c",
        )
    sautees: dict[int, str] = {}
    for note in notes:
        for m in _LIGNE_SAUTEE.finditer(str(note.message)):
            sautees[bloc.premiere + int(m.group(1)) - 1] = (
                f"{m.group(3)} valeurs au lieu de {m.group(2)} (une valeur qui contient "
                f"« {fmt.sep} » doit être entre guillemets)")
    numeros = [n for n in range(bloc.premiere, bloc.premiere + bloc.nb_brut) if n not in sautees]
    if len(numeros) != len(df):  # pragma: no cover — guillemets sur plusieurs lignes
        numeros = list(range(bloc.premiere, bloc.premiere + len(df)))
    illisibles = None
    if fmt.verifier_encodage:
        illisibles = np.zeros(len(df), dtype=bool)
        for c in df.columns:
            illisibles |= df[c].str.contains("[\udc80-\udcff]", regex=True).to_numpy()
    rejets = [Rejet(n, None, "(ligne)", m) for n, m in sorted(sautees.items())]
    return Bloc(df, np.array(numeros, dtype=np.int64), illisibles, rejets, len(rejets))


def _aplatir(objet: dict[str, Any], prefixe: str = "") -> dict[str, Any]:
    plat: dict[str, Any] = {}
    for cle, valeur in objet.items():
        chemin = f"{prefixe}{cle}"
        if isinstance(valeur, dict):
            plat.update(_aplatir(valeur, chemin + "."))
        else:
            plat[chemin] = valeur
    return plat


def _lire_jsonl(chemin: Path, taille: int) -> Iterator[Bloc]:
    connues = set(COLONNES)
    with chemin.open("rb") as f:
        enregistrements: list[dict[str, Any]] = []
        lignes: list[int] = []
        rejets: list[Rejet] = []
        for numero, brut in enumerate(f, start=1):
            def refuser(champ: str, message: str, numero: int = numero,
                        rejets: list[Rejet] = rejets) -> None:
                rejets.append(Rejet(numero, None, champ, message))

            if not brut.strip():
                refuser("(ligne)", "ligne vide")
            else:
                try:
                    objet = json.loads(brut.decode("utf-8"))
                except UnicodeDecodeError:
                    refuser("(ligne)", MESSAGE_ENCODAGE.replace(", ou relancez avec "
                                                                "--encodage latin-1", ""))
                except json.JSONDecodeError as e:
                    refuser("(ligne)", f"JSON invalide, colonne {e.colno} : {e.msg}")
                else:
                    if not isinstance(objet, dict):
                        refuser("(ligne)", "un objet JSON est attendu, par exemple {\"age\": 80}")
                    else:
                        plat = _aplatir(objet)
                        inconnues = [k for k in plat if k not in connues]
                        if inconnues:
                            for k in inconnues:
                                refuser(k, "champ inconnu (vérifiez l'orthographe : aucun "
                                           "champ n'est ignoré)")
                        else:
                            enregistrements.append(plat)
                            lignes.append(numero)
                            if len(enregistrements) >= taille:
                                yield Bloc(pd.DataFrame(enregistrements, columns=COLONNES),
                                           np.array(lignes), rejets=rejets,
                                           nb_refusees=_nb(rejets))
                                enregistrements, lignes, rejets = [], [], []
        if enregistrements or rejets:
            yield Bloc(pd.DataFrame(enregistrements, columns=COLONNES), np.array(lignes),
                       rejets=rejets, nb_refusees=_nb(rejets))


def _nb(rejets: list[Rejet]) -> int:
    return len({r.ligne for r in rejets})


def _lire_parquet(chemin: Path, taille: int) -> Iterator[Bloc]:
    import pyarrow.parquet as pq

    try:
        fichier = pq.ParquetFile(chemin)
    except Exception as e:  # noqa: BLE001 — tout fichier illisible donne le même message
        raise ErreurSaisie([f"(fichier) : Parquet illisible ({type(e).__name__})"]) from None
    verifier_colonnes(fichier.schema_arrow.names)
    debut = 2
    for lot in fichier.iter_batches(batch_size=taille):
        df = lot.to_pandas()
        yield Bloc(df, np.arange(debut, debut + len(df)))
        debut += len(df)


def _lire_excel(chemin: Path, taille: int) -> Iterator[Bloc]:
    from openpyxl import load_workbook

    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001
        raise ErreurSaisie([f"(fichier) : classeur Excel illisible ({type(e).__name__})"]) \
            from None
    try:
        feuille = classeur.worksheets[0]
        lignes = feuille.iter_rows(values_only=True)
        entete = next(lignes, ())
        while entete and entete[-1] is None:
            entete = entete[:-1]
        noms = ["" if n is None else str(n) for n in entete]
        verifier_colonnes(noms)
        paquet: list[tuple] = []
        debut = 2
        for valeurs in lignes:
            paquet.append(tuple(valeurs[: len(noms)]) + (None,) * (len(noms) - len(valeurs)))
            if len(paquet) >= taille:
                yield Bloc(pd.DataFrame(paquet, columns=noms, dtype=object),
                           np.arange(debut, debut + len(paquet)))
                debut += len(paquet)
                paquet = []
        while paquet and all(v is None for v in paquet[-1]):  # lignes vides finales
            paquet.pop()
        if paquet:
            yield Bloc(pd.DataFrame(paquet, columns=noms, dtype=object),
                       np.arange(debut, debut + len(paquet)))
    finally:
        classeur.close()


def lire_blocs(chemin: str | Path, encodage: str | None = None, taille: int = TAILLE_BLOC,
               avertir: Callable[[str], None] = lambda m: None) -> Iterator[Bloc]:
    """Les blocs d'un fichier de cohorte ; ``ErreurSaisie`` si le fichier entier est refusé."""
    chemin = Path(chemin)
    suffixe = format_de(chemin)
    if not chemin.is_file():
        raise ErreurSaisie([f"(fichier) : « {chemin} » introuvable"])
    if suffixe == ".csv":
        return _lire_csv(chemin, encodage, taille, avertir)
    if suffixe == ".jsonl":
        return _lire_jsonl(chemin, taille)
    if suffixe == ".parquet":
        return _lire_parquet(chemin, taille)
    return _lire_excel(chemin, taille)


# --- Écriture -----------------------------------------------------------------------------------


class Ecrivain:
    """Écrit les lignes de sortie bloc par bloc dans le format demandé."""

    def __init__(self, chemin: str | Path | None, flux: IO[str] | None = None):
        self.format = ".csv" if chemin is None else format_de(chemin)
        self.chemin = None if chemin is None else Path(chemin)
        self._flux = flux
        self._premier = True
        self._parquet = None
        self._classeur = None
        self._lignes_excel = 0
        self._a_fermer = False
        if self.chemin is not None and self.format in (".csv", ".jsonl"):
            self._flux = self.chemin.open("w", encoding="utf-8", newline="")
            self._a_fermer = True

    def ecrire(self, df: pd.DataFrame | str) -> None:
        if isinstance(df, pd.DataFrame):
            df = mettre_en_forme(df, self.format)
        if self.format == ".csv":
            if self._premier:
                self._flux.write(",".join(COLONNES_SORTIE) + "\n")
            self._flux.write(df)
        elif self.format == ".jsonl":
            self._flux.write(df)
        elif self.format == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(df, schema=_schema_sortie(), preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.chemin, table.schema)
            self._parquet.write_table(table)
        else:
            from openpyxl import Workbook

            if self._classeur is None:
                self._classeur = Workbook(write_only=True)
                self._feuille = self._classeur.create_sheet("orientation")
                self._feuille.append(COLONNES_SORTIE)
            self._lignes_excel += len(df)
            if self._lignes_excel >= LIGNES_MAX_EXCEL:
                raise ErreurSaisie([f"(sortie) : plus de {LIGNES_MAX_EXCEL - 1} lignes, limite "
                                    "d'une feuille Excel : choisissez .csv ou .parquet"])
            for ligne in df.itertuples(index=False, name=None):
                self._feuille.append([None if isinstance(v, float) and v != v else v
                                      for v in ligne])
        self._premier = False

    def fermer(self) -> None:
        if self._premier:
            self.ecrire(pd.DataFrame(columns=COLONNES_SORTIE))
        if self._parquet is not None:
            self._parquet.close()
        if self._classeur is not None:
            self._classeur.save(self.chemin)
        if self._a_fermer:
            self._flux.close()
        elif self._flux is not None and self.chemin is None:
            self._flux.flush()


def mettre_en_forme(df: pd.DataFrame, format_: str) -> pd.DataFrame | str:
    """Le texte d'un bloc de sortie CSV (sans en-tête) ou JSON Lines ; sinon le tableau."""
    if format_ == ".csv":
        sortie = df.copy()
        for c in ("urgence", "pps", "scores.epices_precarite"):
            sortie[c] = sortie[c].map({True: "oui", False: "non"})
        return sortie.to_csv(index=False, header=False, lineterminator="\n")
    if format_ == ".jsonl":
        lignes = []
        for ligne in df.to_dict("records"):
            propre = {k: (None if isinstance(v, float) and v != v else v) for k, v in ligne.items()}
            lignes.append(json.dumps(propre, ensure_ascii=False) + "\n")
        return "".join(lignes)
    return df


def _schema_sortie():
    import pyarrow as pa

    types = {"urgence": pa.bool_(), "pps": pa.bool_(), "scores.epices": pa.float64(),
             "scores.epices_precarite": pa.bool_(), "scores.mini_zarit": pa.float64(),
             "scores.gir": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in COLONNES_SORTIE])


# --- Le traitement ------------------------------------------------------------------------------

_reperage: ReperageCohorte | None = None


def _initialiser(referentiel: Referentiel) -> None:
    global _reperage
    _reperage = ReperageCohorte(referentiel)


def _traiter(bloc: Bloc, format_sortie: str) -> tuple[Bloc, Any, int, list[Rejet]]:
    """Dans le processus de calcul : analyse (CSV), repère, met en forme la sortie (texte
    CSV ou JSON Lines, sinon tableau). Renvoie le bloc sans ses données brutes."""
    assert _reperage is not None
    if bloc.brut is not None:
        bloc = _analyser_csv(bloc)
    sortie, rejets = _reperage.traiter(bloc.df, bloc.lignes, bloc.illisibles)
    leger = Bloc(pd.DataFrame(), np.array([], dtype=np.int64), rejets=bloc.rejets,
                 nb_refusees=bloc.nb_refusees)
    leger.nb_brut = len(bloc.df)
    return leger, mettre_en_forme(sortie, format_sortie), len(sortie), rejets


def executer(
    entree: str | Path,
    sortie: str | Path | None = None,
    *,
    workers: int | None = None,
    encodage: str | None = None,
    regles: str | Path | None = None,
    flux_sortie: IO[str] | None = None,
    rejet: Callable[[Rejet], None] = lambda r: None,
    progression: Callable[[Bilan, int | None], None] | None = None,
    avertir: Callable[[str], None] = lambda m: None,
    taille: int = TAILLE_BLOC,
) -> Bilan:
    """Repère tout le fichier ``entree`` ; chaque rejet est passé à ``rejet`` (et écrit dans
    ``<sortie>.rejets.csv`` quand ``sortie`` est donnée). Lues = repérées + rejetées."""
    debut = time.perf_counter()
    referentiel = charger_referentiel(regles or dossier_regles_par_defaut())
    workers = max(1, workers or os.cpu_count() or 1)
    format_de(entree)
    if sortie is not None:
        format_de(sortie)
        if Path(sortie).resolve() == Path(entree).resolve():
            raise ErreurSaisie(["(sortie) : la sortie écraserait l'entrée ; choisissez un "
                                "autre nom"])
    blocs = lire_blocs(entree, encodage, taille, avertir)
    premier = next(blocs, None)  # un fichier refusé l'est avant d'écrire quoi que ce soit
    blocs = itertools.chain([premier] if premier is not None else [], blocs)
    bilan = Bilan()
    total = None
    if progression is not None:
        total = _total(Path(entree))
    ecrivain = Ecrivain(sortie, flux_sortie or sys.stdout)
    fichier_rejets = None
    ecrivain_rejets = None
    if sortie is not None:
        chemin_rejets = chemin_des_rejets(sortie)
        fichier_rejets = chemin_rejets.open("w", encoding="utf-8", newline="")
        ecrivain_rejets = csv.writer(fichier_rejets)
        ecrivain_rejets.writerow(COLONNES_REJETS)

    def noter(bloc_rejets: list[Rejet]) -> None:
        for r in bloc_rejets:
            rejet(r)
            if ecrivain_rejets is not None:
                ecrivain_rejets.writerow([r.ligne, r.id or "", r.champ, r.message])

    def recevoir(resultat: tuple[Bloc, Any, int, list[Rejet]]) -> None:
        bloc, lignes_sortie, nb_sortie, rejets = resultat
        bilan.lues += bloc.nb_brut + bloc.nb_refusees
        bilan.reperees += nb_sortie
        bilan.rejetees += bloc.nb_refusees + _nb(rejets)
        tous = sorted(bloc.rejets + rejets, key=lambda r: r.ligne)
        noter(tous)
        if nb_sortie:
            ecrivain.ecrire(lignes_sortie)
        if progression is not None:
            bilan.secondes = time.perf_counter() - debut
            progression(bilan, total)

    try:
        if workers == 1:
            _initialiser(referentiel)
            for bloc in blocs:
                recevoir(_traiter(bloc, ecrivain.format))
        else:
            with ProcessPoolExecutor(workers, initializer=_initialiser,
                                     initargs=(referentiel,)) as pool:
                en_cours: deque[Future] = deque()
                for bloc in blocs:
                    en_cours.append(pool.submit(_traiter, bloc, ecrivain.format))
                    while len(en_cours) >= 2 * workers:
                        recevoir(en_cours.popleft().result())
                while en_cours:
                    recevoir(en_cours.popleft().result())
    finally:
        ecrivain.fermer()
        if fichier_rejets is not None:
            fichier_rejets.close()
    bilan.secondes = time.perf_counter() - debut
    if bilan.lues != bilan.reperees + bilan.rejetees:  # pragma: no cover — garde-fou
        raise RuntimeError(f"comptes incohérents : {bilan}")
    return bilan


def chemin_des_rejets(sortie: str | Path) -> Path:
    sortie = Path(sortie)
    return sortie.with_name(sortie.stem + ".rejets.csv")


def _total(chemin: Path) -> int | None:
    """Nombre de lignes à lire, pour la barre de progression (None si inconnu)."""
    suffixe = chemin.suffix.lower()
    if suffixe == ".csv":
        return max(0, _examiner_utf8(chemin)[0] - 1)
    if suffixe == ".jsonl":
        return _examiner_utf8(chemin)[0]
    if suffixe == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(chemin).metadata.num_rows
    return None
