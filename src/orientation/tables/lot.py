"""Repérer un tableau entier : lire (``tables.fichiers``), repérer (``tables.cohorte``),
écrire. Le même chemin pour ``orientation batch`` et pour la page Scénarios de l'application
(``tables.atelier``) : même fichier en entrée, mêmes octets en sortie.

Sortie : les colonnes du fichier d'entrée d'abord (telles quelles, colonnes libres
comprises), puis les résultats (``colonnes.COLONNES_RESULTATS``). Dialecte ``standard``
(« , », UTF-8 sans BOM : pour les programmes) ou ``excel-fr`` (« ; », UTF-8 avec BOM,
virgule décimale : Excel en français l'ouvre tel quel) — par défaut celui de l'entrée (un CSV
séparé par « ; » donne ``excel-fr``). Booléens ``oui``/``non`` en CSV et Excel ; ``libelles``
écrit les libellés français du catalogue au lieu des identifiants.

Rien n'est écrit ailleurs que dans les fichiers demandés : la sortie et, s'il y a des rejets,
``<sortie>.rejets.csv`` (une feuille « rejets » pour un classeur Excel), chacun écrit sous un
nom caché à côté de sa cible puis renommé à la fin ; sur erreur ou interruption, aucun
fichier qui a l'air complet. L'entrée n'est jamais écrasée (inodes comparés, liens compris).
"""

from __future__ import annotations

import errno
import functools
import io
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from orientation.referentiel import Referentiel, charger_referentiel, dossier_regles_par_defaut
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.cohorte import ReperageCohorte, ResultatLot
from orientation.tables.colonnes import (
    COLONNE_ID,
    COLONNES_LISTES,
    COLONNES_RESULTATS,
    Rejet,
)
from orientation.tables.fichiers import (
    DIALECTES,
    GUILLEMETS,
    TAILLE_LOT,
    Ecrivain,
    FichierAtomique,
    Lecture,
    LotLu,
    Presentation,
    Source,
    chemin_des_rejets,
    ecrire_rejets_csv,
    format_de,
    guillemets_necessaires,
    meme_fichier,
    neutraliser,
    ouvrir_lecture,
)

__all__ = ["Bilan", "Options", "Rejet", "Source", "chemin_des_rejets", "executer", "format_de"]


@dataclass(frozen=True)
class Options:
    encodage: str | None = None  # imposé ; sinon détecté (UTF-8 ou Windows-1252)
    dialecte: str | None = None  # standard, excel-fr ; sinon celui de l'entrée
    libelles: bool = False
    format_sortie: str | None = None  # imposé ; sinon par l'extension (CSV sans fichier)
    taille: int = TAILLE_LOT
    regles: str | Path | None = None


OPTIONS = Options()


@dataclass
class Bilan:
    lues: int = 0
    reperees: int = 0
    rejetees: int = 0
    vides_finales: int = 0  # lignes vides en fin de fichier, ignorées
    secondes: float = 0.0
    recopiees: tuple[str, ...] = ()
    encodage: str | None = None
    dialecte: str = "standard"
    fichier_rejets: Path | None = None
    non_atteintes: bool = False  # arrêt en cours de route : la fin du fichier n'est pas lue

    @property
    def debit(self) -> float:
        return self.reperees / self.secondes if self.secondes else 0.0


@functools.lru_cache(maxsize=4)
def _reperage(dossier: str) -> ReperageCohorte:
    return ReperageCohorte(charger_referentiel(Path(dossier)))


def reperage_pour(regles: str | Path | None = None) -> ReperageCohorte:
    """Le repérage compilé d'un référentiel, gardé en mémoire (l'application le réutilise)."""
    return _reperage(str(Path(regles or dossier_regles_par_defaut()).resolve()))


# --- Mise en forme de la sortie -----------------------------------------------------------------


def _libelles_resultats(referentiel: Referentiel) -> dict[str, dict[str, str]]:
    cat = referentiel.catalogue
    libelles_valeurs = vocabulaire().valeurs
    acteurs: dict[str, str] = {}
    for cluster in cat.clusters.values():
        for aid, libelle in cluster.acteurs.items():
            acteurs.setdefault(aid, libelle)
    return {
        "niveau": {k: v["libelle"] for k, v in cat.niveaux.items()},
        "secteurs": dict(cat.secteurs), "parcours": dict(cat.parcours),
        "clusters": {k: c.libelle for k, c in cat.clusters.items()}, "acteurs": acteurs,
        "appuis": {k: v["libelle"] for k, v in cat.appuis.items()},
        "alertes": {k: v["message"] for k, v in cat.alertes.items()},
        **{c: libelles_valeurs for c in ("scores.mini_zarit_fardeau", "scores.gir_source",
                                         "scores.fragilite")},
    }


def entetes_resultats(libelles: bool) -> list[str]:
    """Les en-têtes des colonnes de résultat : identifiants, ou libellés français."""
    if not libelles:
        return list(COLONNES_RESULTATS)
    v = vocabulaire()
    return [majuscule(v.conclusions.get(c) or v.libelle(c)) for c in COLONNES_RESULTATS]


def _remplacer(colonne: pa.Array, f: Callable[[Any], str]) -> pa.Array:
    """Applique ``f`` à chaque valeur distincte d'une colonne (codée par dictionnaire) :
    une colonne texte en sort, codée par dictionnaire."""
    if not pa.types.is_dictionary(colonne.type):
        colonne = pc.dictionary_encode(colonne)
    valeurs = [None if v is None else f(v) for v in colonne.dictionary.to_pylist()]
    return pa.DictionaryArray.from_arrays(colonne.indices, pa.array(valeurs, pa.string()))


def _vide_en_nul(colonne: pa.DictionaryArray) -> pa.Array:
    valeurs = colonne.dictionary
    vides = pc.equal(valeurs, "")
    if not pc.any(vides).as_py():
        return colonne
    return pa.DictionaryArray.from_arrays(colonne.indices,
                                          pc.if_else(vides, pa.scalar(None, pa.string()), valeurs))


class MiseEnForme:
    """Un lot repéré → le lot écrit : colonnes d'entrée choisies et renommées comme dans le
    fichier reçu, résultats en identifiants ou en libellés, nombres et booléens à la manière
    du format et du dialecte, cellules de tableur neutralisées (formules)."""

    def __init__(self, lecture: Lecture, presentation: Presentation, referentiel: Referentiel,
                 format_: str):
        self.echo = list(lecture.echo)
        self.codees = lecture.codees
        self.noms = [lecture.noms_sortie.get(c, c) for c in self.echo]
        self.presentation = presentation
        self.format = format_
        self.libelles = _libelles_resultats(referentiel) if presentation.libelles else {}
        self.entetes = entetes_resultats(presentation.libelles)

    @property
    def statistiques(self) -> list[str]:
        """Les colonnes dont un fichier Parquet garde les bornes (min, max par groupe de
        lignes, pour filtrer sans tout lire) : l'identifiant et les résultats. Les colonnes
        d'entrée recopiées n'en ont pas (elles sont dans le fichier d'entrée ; les calculer
        doublait le temps d'écriture, docs/benchmarks.md)."""
        return [n for c, n in zip(self.echo, self.noms, strict=True) if c == COLONNE_ID] \
            + list(self.entetes)

    def vide(self, exemple: pa.Schema | None = None) -> pa.RecordBatch:
        colonnes = {c: pa.array([], pa.string()) for c in self.echo}
        for c in COLONNES_RESULTATS:
            genre = (pa.bool_() if c in ("urgence", "pps", "scores.epices_precarite") else
                     pa.float64() if c in ("scores.epices", "scores.mini_zarit") else
                     pa.int64() if c == "scores.gir" else pa.string())
            colonnes[c] = pa.array([], genre)
        return pa.RecordBatch.from_pydict(colonnes)

    def __call__(self, lot: pa.RecordBatch, texte: bool = False) -> pa.RecordBatch:
        tableur = self.format in (".csv", ".xlsx")
        csv_ = self.format == ".csv"
        sep = self.presentation.separateur
        guillemets = False  # une cellule du lot doit être entre guillemets (CSV)
        colonnes = []
        for c in self.echo:
            colonne = lot.column(c)
            if tableur:
                colonne = neutraliser(colonne)  # une fois par valeur distincte, si codée
            if csv_ and not guillemets:
                guillemets = guillemets_necessaires(colonne, sep)
            if (c in self.codees and pa.types.is_dictionary(colonne.type)
                    and self.format != ".parquet"):
                colonne = colonne.dictionary.take(colonne.indices)  # texte, comme le fichier
            colonnes.append(colonne)
        for c in COLONNES_RESULTATS:
            colonne = lot.column(c)
            table = self.libelles.get(c)
            if table is not None:
                if c in COLONNES_LISTES:
                    colonne = _remplacer(colonne, lambda v, t=table: "; ".join(
                        t.get(x, x) for x in v.split(";") if x))
                else:
                    colonne = _remplacer(colonne, lambda v, t=table: t.get(v, v))
            if pa.types.is_boolean(colonne.type) and self.format == ".csv":
                colonne = pc.if_else(colonne, "oui", "non")
            elif pa.types.is_floating(colonne.type) and self.format == ".csv":
                virgule = self.presentation.dialecte == "excel-fr"
                colonne = _remplacer(colonne, lambda v, virgule=virgule:
                                     repr(v).replace(".", ",") if virgule else repr(v))
            elif pa.types.is_integer(colonne.type) and self.format == ".csv":
                colonne = pc.cast(colonne, pa.string())
            if tableur and (pa.types.is_dictionary(colonne.type)
                            or pa.types.is_string(colonne.type)):
                colonne = neutraliser(colonne)
            if csv_ and not guillemets:
                guillemets = guillemets_necessaires(colonne, sep)
            if self.format == ".csv" and pa.types.is_dictionary(colonne.type):
                colonne = _vide_en_nul(colonne)  # une liste vide : cellule vide, sans « "" »
                colonne = colonne.dictionary.take(colonne.indices)  # texte simple : plus vite
            colonnes.append(colonne)
        # CSV : le lot dit à l'écrivain s'il lui faut des guillemets (sinon, aucune cellule
        # n'en a : la sortie est plus courte et se lit comme l'entrée)
        return pa.RecordBatch.from_arrays(
            colonnes, names=[*self.noms, *self.entetes],
            metadata={GUILLEMETS: b"oui" if guillemets else b"non"} if csv_ else None)


# --- Le traitement ------------------------------------------------------------------------------


def _en_tache_de_fond(iterateur: Iterator[Any], profondeur: int = 2) -> Iterator[Any]:
    """Parcourt ``iterateur`` dans un fil à part (lecture pendant le repérage)."""
    file: queue.Queue = queue.Queue(profondeur)
    fin = object()
    arret = threading.Event()

    def produire() -> None:
        try:
            for x in iterateur:
                while not arret.is_set():
                    try:
                        file.put((None, x), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if arret.is_set():
                    return
            file.put((None, fin))
        except BaseException as e:  # noqa: BLE001 — transmise au fil principal
            file.put((e, None))

    fil = threading.Thread(target=produire, daemon=True)
    fil.start()
    try:
        while True:
            erreur, x = file.get()
            if erreur is not None:
                raise erreur
            if x is fin:
                return
            yield x
    finally:
        arret.set()


class EcritureDeFond:
    """Écrit les lots dans un fil à part (mise en forme et écriture Arrow, qui rendent la
    main à Python, pendant que le fil principal repère le lot suivant) ; file bornée : la
    mémoire ne dépend pas du nombre de lots. Une erreur d'écriture est relancée dans le fil
    principal au lot suivant, ou à ``terminer``."""

    def __init__(self, ecrire: Callable[[pa.RecordBatch], None], profondeur: int = 2):
        self._ecrire = ecrire
        self._file: queue.Queue = queue.Queue(profondeur)
        self._erreur: BaseException | None = None
        self._arret = threading.Event()
        self._fil = threading.Thread(target=self._travailler, daemon=True)
        self._fil.start()

    def _travailler(self) -> None:
        while True:
            lot = self._file.get()
            if lot is None or self._arret.is_set():
                return
            try:
                self._ecrire(lot)
            except BaseException as e:  # noqa: BLE001 — relancée dans le fil principal
                self._erreur = e
                return

    def _verifier(self) -> None:
        if self._erreur is not None:
            raise self._erreur

    def ecrire(self, lot: pa.RecordBatch) -> None:
        while True:
            self._verifier()
            try:
                self._file.put(lot, timeout=0.1)
                return
            except queue.Full:
                if not self._fil.is_alive():
                    self._verifier()
                    raise RuntimeError("écriture interrompue") from None  # pragma: no cover

    def terminer(self) -> None:
        """Attend que tous les lots soient écrits (relance l'erreur d'écriture s'il y en a)."""
        if self._fil.is_alive():
            self.ecrire(None)  # type: ignore[arg-type]
            self._fil.join()
        self._verifier()

    def arreter(self) -> None:
        """Abandon : le fil s'arrête sans écrire ce qui reste (avant d'effacer les fichiers)."""
        self._arret.set()
        while self._fil.is_alive():
            try:
                self._file.put_nowait(None)
            except queue.Full:
                pass
            self._fil.join(timeout=0.1)


@dataclass
class Collecte:
    """Les résultats gardés en mémoire (application) : lots Arrow déjà mis en forme."""

    lots: list[pa.RecordBatch] = field(default_factory=list)
    lignes: list[np.ndarray] = field(default_factory=list)
    rejets: list[Rejet] = field(default_factory=list)


def verifier_chemins(entree: Path | None, sortie: Path | None) -> None:
    """L'entrée, la sortie et le fichier des rejets sont trois fichiers distincts."""
    if sortie is None:
        return
    rejets = chemin_des_rejets(sortie)
    paires = [(sortie, rejets, "la sortie et son fichier de rejets")]
    if entree is not None:
        paires += [(entree, sortie, "la sortie écraserait l'entrée"),
                   (entree, rejets, f"le fichier des rejets ({rejets.name}) écraserait "
                                    "l'entrée")]
    for a, b, motif in paires:
        if meme_fichier(a, b):
            raise ErreurSaisie([f"(sortie) : {motif} ; choisissez un autre nom de sortie"])


def executer(
    source: Source | str | Path,
    sortie: str | Path | IO[bytes] | None = None,
    options: Options = OPTIONS,
    *,
    rejet: Callable[[Rejet], None] = lambda r: None,
    progression: Callable[[Bilan, int | None], None] | None = None,
    avertir: Callable[[str], None] = lambda m: None,
    collecte: Collecte | None = None,
    flux_sortie: IO[bytes] | None = None,
) -> Bilan:
    """Repère tout le tableau ``source`` et écrit les résultats dans ``sortie`` (un chemin,
    écrit de façon atomique ; un flux binaire ; ou, sans sortie, ``flux_sortie`` en CSV).
    Chaque rejet est passé à ``rejet`` (et écrit à côté de la sortie s'il y en a).
    ``ErreurSaisie`` si le fichier entier est refusé (rien n'est alors écrit) ; ``OSError``
    si la sortie ne peut pas être écrite. Lues = repérées + rejetées ; les lignes vides en fin
    de fichier sont ignorées et comptées à part (``vides_finales``)."""
    debut = time.perf_counter()
    if not isinstance(source, Source):
        source = Source.fichier(source)
    chemin_sortie = Path(sortie) if isinstance(sortie, str | Path) else None
    if chemin_sortie is not None and chemin_sortie.exists() and not chemin_sortie.is_file():
        raise IsADirectoryError(errno.EISDIR if chemin_sortie.is_dir() else errno.EPERM,
                                "pas un fichier ordinaire", str(chemin_sortie))
    if chemin_sortie is not None:
        format_sortie = format_de(chemin_sortie, options.format_sortie)
    else:
        format_sortie = format_de("x.csv", options.format_sortie)
    verifier_chemins(source.chemin, chemin_sortie)
    if options.dialecte is not None and options.dialecte not in DIALECTES:
        raise ErreurSaisie([f"(options) : dialecte « {options.dialecte} » inconnu ; "
                            f"permis : {', '.join(DIALECTES)}"])
    reperage = reperage_pour(options.regles)
    lecture = ouvrir_lecture(source, options.encodage, options.taille)
    dialecte = options.dialecte or ("excel-fr" if lecture.separateur == ";" else "standard")
    presentation = Presentation(dialecte, options.libelles)
    bilan = Bilan(recopiees=lecture.entete.recopiees, encodage=lecture.encodage,
                  dialecte=dialecte)
    if lecture.entete.recopiees:
        avertir("colonnes recopiées telles quelles (ce ne sont pas des champs) : "
                + ", ".join(f"« {n} »" for n in lecture.entete.recopiees))
    mise_en_forme = MiseEnForme(lecture, presentation, reperage.referentiel, format_sortie)

    # Les fichiers : ouverts seulement une fois l'en-tête accepté.
    atomique = FichierAtomique(chemin_sortie) if chemin_sortie is not None else None
    flux = atomique.flux if atomique else (sortie if sortie is not None else flux_sortie)
    if flux is None:
        flux = io.BytesIO()
    ecrivain = Ecrivain(flux, format_sortie, presentation, mise_en_forme,
                        mise_en_forme.statistiques)
    de_fond = EcritureDeFond(ecrivain.ecrire)
    rejets_atomique: FichierAtomique | None = None
    rejets_excel: list[Rejet] = []
    vides_en_attente: list[int] = []

    def noter(rejets: list[Rejet]) -> None:
        nonlocal rejets_atomique
        if not rejets:
            return
        rejets.sort(key=lambda r: r.ligne)
        for r in rejets:
            rejet(r)
        if collecte is not None:
            collecte.rejets.extend(rejets)
        if format_sortie == ".xlsx":
            rejets_excel.extend(rejets)
        elif chemin_sortie is not None:
            premier = rejets_atomique is None
            if premier:
                rejets_atomique = FichierAtomique(chemin_des_rejets(chemin_sortie))
            ecrire_rejets_csv(rejets_atomique.flux, rejets, presentation, premier)

    def recevoir(lu: LotLu, r: ResultatLot) -> None:
        nonlocal vides_en_attente
        rejets = list(lu.rejets) + list(r.rejets)
        vides = sorted(lu.vides + r.vides)
        lignes_pleines = [x.ligne for x in rejets] + ([int(r.lignes[-1])] if len(r.lignes)
                                                      else [])
        derniere_pleine = max(lignes_pleines, default=None)
        if derniere_pleine is not None:
            # des lignes vides suivies d'une ligne non vide sont des rejets
            rejets += [Rejet(v, None, "(ligne)", "ligne vide") for v in vides_en_attente]
            rejets += [Rejet(v, None, "(ligne)", "ligne vide") for v in vides
                       if v < derniere_pleine]
            vides_en_attente = [v for v in vides if v > derniere_pleine]
        else:
            vides_en_attente += vides
        nb_rejetees = len({x.ligne for x in rejets})
        bilan.reperees += r.sortie.num_rows
        bilan.rejetees += nb_rejetees
        bilan.lues = bilan.reperees + bilan.rejetees + len(vides_en_attente)
        noter(rejets)
        if r.sortie.num_rows:
            de_fond.ecrire(r.sortie)
            if collecte is not None:
                collecte.lots.append(mise_en_forme(r.sortie))
                collecte.lignes.append(r.lignes)
        if progression is not None:
            bilan.secondes = time.perf_counter() - debut
            progression(bilan, lecture.total)

    termine = False
    try:
        for lu in _en_tache_de_fond(lecture.lots()):
            recevoir(lu, reperage.traiter(lu.donnees, lu.lignes, lu.illisibles))
        bilan.vides_finales = len(vides_en_attente)
        bilan.lues = bilan.reperees + bilan.rejetees
        de_fond.terminer()
        ecrivain.fermer(mise_en_forme.vide(), rejets_excel)
        if rejets_atomique is not None:
            rejets_atomique.valider()
            bilan.fichier_rejets = rejets_atomique.cible
        if atomique is not None:
            atomique.valider()
        termine = True
    except BaseException as e:
        bilan.lues = bilan.reperees + bilan.rejetees
        bilan.secondes = time.perf_counter() - debut
        e.bilan = bilan  # type: ignore[attr-defined] — ce qui a été fait avant l'arrêt
        raise
    finally:
        if not termine:
            bilan.non_atteintes = True
            de_fond.arreter()
            for f in (atomique, rejets_atomique):
                if f is not None:
                    f.abandonner()
    bilan.secondes = time.perf_counter() - debut
    if bilan.lues != bilan.reperees + bilan.rejetees:  # pragma: no cover — garde-fou
        raise RuntimeError(f"comptes incohérents : {bilan}")
    return bilan
