"""Cohortes sur Spark : le même cœur compilé (``tables.cohorte``) sur chaque partition d'un
DataFrame, par ``mapInArrow``. PySpark n'est importé que par les fonctions qui en ont besoin :
``orientation`` et ``orientation batch`` sans ``--spark`` ne le chargent jamais.

- ``screen(df)`` (aussi ``orientation.spark.screen``) : pour un carnet (notebook), un
  DataFrame de situations → ``(resultats, rejets)``, deux DataFrames ;
- ``executer_spark`` : ``orientation batch ENTREE -o SORTIE --spark MAITRE``.

Le référentiel est chargé une fois sur le pilote, envoyé sérialisé avec la tâche, et compilé
**une fois par processus Python d'exécuteur** (gardé dans ``_REPERAGES`` ; Spark réutilise ses
processus Python d'une tâche à l'autre).

Lecture d'un CSV, ligne pour ligne comme ``orientation batch`` : Spark lit le fichier en lignes
d'octets bruts (source ``text``, ``lineSep`` « \\n » : rien n'est décodé ni perdu), avec le
fichier et le début du bloc (``_metadata``) de chaque ligne. Chaque bloc, précédé de l'en-tête,
est relu dans le processus Python par le lecteur CSV du lot local (``tables.fichiers`` : même
encodage, mêmes rejets, même numérotation) ; un premier passage (dans la JVM, sans Python)
compte les lignes de chaque bloc, d'où le numéro de ligne de chaque ligne dans le fichier. Une
valeur entre guillemets qui s'étendrait sur deux blocs : le premier passage repère les lignes
où un guillemet n'est pas refermé sur la ligne même, et un fichier qui en a est lu d'un seul
tenant (une partition, dans l'ordre), exactement comme en local.

Parquet : numéro de ligne = rang dans le fichier + 2 (``_metadata.row_index``), comme le lot
local. Les lignes entièrement vides à la fin d'un fichier sont ignorées et comptées, comme en
local ; ailleurs, ce sont des rejets « ligne vide ».
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import pickle
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from orientation.referentiel import Referentiel, charger_referentiel, dossier_regles_par_defaut
from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.cohorte import ReperageCohorte
from orientation.tables.colonnes import (
    COLONNES_REJETS,
    COLONNES_RESULTATS,
    Entete,
    Rejet,
    resoudre_entete,
)
from orientation.tables.fichiers import (
    TAILLE_ECHANTILLON,
    TAILLE_LOT,
    Lecture,
    Presentation,
    en_texte,
    ouvrir_lecture,
)

__all__ = ["ErreurSpark", "MESSAGE_VIDE", "executer_spark", "ouvrir_session", "screen"]

MESSAGE_VIDE = "ligne vide"
LIGNES_PAR_PAQUET = 8_192  # lignes de résultats par cellule IPC (≈ 4 Mo)


class ErreurSpark(Exception):
    """Spark a échoué (JVM absente, grappe injoignable, tâche en erreur) : le message en une
    ligne, sans les pages de traces Java."""

    def __init__(self, cause: BaseException):
        texte = str(getattr(cause, "desc", None) or cause).strip()
        if isinstance(cause, ConnectionError) or any(
                m in texte for m in ("Answer from Java side is empty",
                                     "Error while sending or receiving")):
            # La JVM ne répond plus (arrêtée en cours de route : mémoire épuisée, le plus
            # souvent) ; la socket refusée n'est pas une erreur d'écriture de la sortie.
            super().__init__("la JVM de Spark ne répond plus (arrêtée en cours de route, le "
                             "plus souvent faute de mémoire) : relancez avec --spark-conf "
                             "spark.driver.memory=4g (spark.executor.memory sur une grappe)")
            return
        if "OutOfMemoryError" in texte or "SparkContext was shut down" in texte:
            super().__init__("mémoire de la JVM épuisée (ou Spark arrêté) : relancez avec "
                             "--spark-conf spark.driver.memory=4g (spark.executor.memory sur "
                             "une grappe)")
            return
        lignes = [x.strip() for x in texte.splitlines() if x.strip()]
        utiles = [x for x in lignes if "Error" in x or "Exception" in x] or lignes or [
            type(cause).__name__]
        super().__init__(utiles[-1][:400] if "Traceback" in texte else utiles[0][:400])
RESULTAT, REJET, BILAN = 0, 1, 2
FORMATS_SPARK = (".csv", ".parquet")

# Les colonnes de service, en plus des colonnes d'entrée (c0, c1…) et de résultat (r0, r1…).
META = pa.schema([
    ("_genre", pa.int8()),
    ("_fichier", pa.string()),
    ("_ligne", pa.int64()),  # rejet : sa ligne ; bilan : la première ligne du segment
    ("_id", pa.string()),
    ("_champ", pa.string()),
    ("_message", pa.string()),
    ("_vide", pa.bool_()),  # rejet « ligne vide »
    ("_n", pa.int64()),  # bilan : lignes repérées
    ("_rejetees", pa.int64()),  # bilan : lignes rejetées (hors lignes vides)
    ("_vides", pa.int64()),  # bilan : lignes vides
    ("_derniere", pa.int64()),  # bilan : dernière ligne non vide
    ("_erreur", pa.string()),  # bilan : fichier refusé (messages séparés par « \n »)
])


# --- Le référentiel, compilé une fois par processus -----------------------------------------

_REPERAGES: dict[str, ReperageCohorte] = {}


@dataclass(frozen=True)
class ReferentielEnvoye:
    """Le référentiel sérialisé (envoyé aux exécuteurs avec la tâche) et son empreinte."""

    octets: bytes
    empreinte: str

    @classmethod
    def depuis(cls, referentiel: Referentiel) -> ReferentielEnvoye:
        octets = pickle.dumps(referentiel, protocol=pickle.HIGHEST_PROTOCOL)
        return cls(octets, hashlib.sha256(octets).hexdigest())

    def reperage(self) -> ReperageCohorte:
        r = _REPERAGES.get(self.empreinte)
        if r is None:
            r = ReperageCohorte(pickle.loads(self.octets))  # noqa: S301 — nos propres octets
            _REPERAGES.clear()  # un seul référentiel gardé : mémoire bornée
            _REPERAGES[self.empreinte] = r
        return r


def _referentiel(regles: str | Path | None) -> Referentiel:
    return charger_referentiel(Path(regles) if regles else dossier_regles_par_defaut())


# --- Schéma du transport ------------------------------------------------------------------------


def _sans_dictionnaire(t: pa.DataType) -> pa.DataType:
    return t.value_type if pa.types.is_dictionary(t) else t


def schema_sortie_locale(reperage: ReperageCohorte, entree: pa.Schema) -> pa.Schema:
    """Le schéma exact de ``traiter`` (lot local) pour des colonnes d'entrée de ce schéma."""
    vide = pa.RecordBatch.from_arrays([pa.array([], t) for t in entree.types],
                                      names=entree.names)
    return reperage.traiter(vide, np.zeros(0, dtype=np.int64)).sortie.schema


def schema_transport(sortie_locale: pa.Schema, nb_entree: int, paquets: bool = False
                     ) -> pa.Schema:
    """Colonnes d'entrée ``c0…``, de résultat ``r0…`` (sans dictionnaire : Spark n'en lit
    pas), puis les colonnes de service. ``paquets`` : à la place des colonnes, une seule,
    ``_lot``, où chaque lot de résultats passe tel quel, en flux IPC Arrow (une ligne Spark
    par lot : la JVM ne convertit rien, le pilote retrouve les lots du cœur à l'identique)."""
    if paquets:
        return pa.schema([pa.field("_lot", pa.binary()), *META])
    champs = [pa.field(f"c{i}", pa.string()) for i in range(nb_entree)]
    for j, c in enumerate(COLONNES_RESULTATS):
        champs.append(pa.field(f"r{j}", _sans_dictionnaire(sortie_locale.field(c).type)))
    return pa.schema([*champs, *META])


def _decoder(colonne: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(colonne.type):
        return colonne.dictionary_decode()
    if pa.types.is_large_string(colonne.type):
        return colonne.cast(pa.string())
    return colonne


class Emballage:
    """Met les sorties du cœur au format du transport (un seul schéma pour les trois genres
    de lignes : résultats, rejets, bilans)."""

    def __init__(self, schema: pa.Schema, nb_entree: int):
        self.schema = schema
        self.nb_entree = nb_entree
        self.paquets = "_lot" in schema.names

    def _nuls(self, n: int, sauf: dict[str, pa.Array]) -> pa.RecordBatch:
        colonnes = [sauf[f.name] if f.name in sauf else pa.nulls(n, f.type) for f in self.schema]
        return pa.RecordBatch.from_arrays(colonnes, schema=self.schema)

    def resultats(self, sortie: pa.RecordBatch) -> pa.RecordBatch:
        if self.paquets:  # des paquets de LIGNES_PAR_PAQUET lignes (mémoire de la JVM bornée)
            paquets = []
            for debut in range(0, sortie.num_rows, LIGNES_PAR_PAQUET):
                flux = pa.BufferOutputStream()
                with pa.ipc.new_stream(flux, sortie.schema) as ecrivain:
                    ecrivain.write_batch(sortie.slice(debut, LIGNES_PAR_PAQUET))
                paquets.append(flux.getvalue().to_pybytes())
            n = len(paquets)
            return self._nuls(n, {"_genre": pa.array(np.full(n, RESULTAT, dtype=np.int8)),
                                  "_lot": pa.array(paquets, pa.binary())})
        n = sortie.num_rows
        valeurs = {f"c{i}": _decoder(sortie.column(i)) for i in range(self.nb_entree)}
        for j, c in enumerate(COLONNES_RESULTATS):
            valeurs[f"r{j}"] = _decoder(sortie.column(c))
        valeurs["_genre"] = pa.array(np.full(n, RESULTAT, dtype=np.int8))
        return self._nuls(n, valeurs)

    def rejets(self, rejets: Sequence[Rejet], vides: Sequence[int], fichier: str | None
               ) -> pa.RecordBatch:
        tous = sorted([(r, False) for r in rejets]
                      + [(Rejet(v, None, "(ligne)", MESSAGE_VIDE), True) for v in vides],
                      key=lambda x: x[0].ligne)
        n = len(tous)
        return self._nuls(n, {
            "_genre": pa.array(np.full(n, REJET, dtype=np.int8)),
            "_fichier": pa.array([fichier] * n, pa.string()),
            "_ligne": pa.array([r.ligne for r, _ in tous], pa.int64()),
            "_id": pa.array([r.id for r, _ in tous], pa.string()),
            "_champ": pa.array([r.champ for r, _ in tous], pa.string()),
            "_message": pa.array([r.message for r, _ in tous], pa.string()),
            "_vide": pa.array([v for _, v in tous], pa.bool_()),
        })

    def bilan(self, b: BilanSegment) -> pa.RecordBatch:
        return self._nuls(1, {
            "_genre": pa.array([BILAN], pa.int8()),
            "_fichier": pa.array([b.fichier], pa.string()),
            "_ligne": pa.array([b.premiere], pa.int64()),
            "_n": pa.array([b.reperees], pa.int64()),
            "_rejetees": pa.array([len(b.lignes_rejetees)], pa.int64()),
            "_vides": pa.array([b.vides], pa.int64()),
            "_derniere": pa.array([b.derniere], pa.int64()),
            "_erreur": pa.array([b.erreur], pa.string()),
        })


@dataclass
class BilanSegment:
    """Ce qu'un segment (un bloc de fichier, ou une partition) a fait."""

    fichier: str | None
    premiere: int | None = None
    reperees: int = 0
    lignes_rejetees: set[int] = field(default_factory=set)
    vides: int = 0
    derniere: int | None = None
    erreur: str | None = None

    def noter(self, lignes: np.ndarray, rejets: Sequence[Rejet], vides: Sequence[int]) -> None:
        self.reperees += len(lignes)
        self.lignes_rejetees.update(r.ligne for r in rejets)
        self.vides += len(vides)
        pleines = [int(lignes.max())] if len(lignes) else []
        pleines += [max(self.lignes_rejetees)] if self.lignes_rejetees else []
        if pleines:
            self.derniere = max([*pleines, self.derniere or 0])
        candidates = [x for x in (*([int(lignes.min())] if len(lignes) else []),
                                  *(r.ligne for r in rejets), *vides)]
        if candidates:
            self.premiere = min([*candidates, *([self.premiere] if self.premiere else [])])


# --- Le travail d'une partition : CSV lu en lignes d'octets -------------------------------------


@dataclass(frozen=True)
class ContexteCsv:
    """Ce que chaque tâche reçoit pour relire ses lignes de CSV comme le lot local."""

    referentiel: ReferentielEnvoye
    entete_brute: bytes  # la première ligne du fichier, telle quelle (BOM compris)
    encodage: str
    decalages: dict[tuple[str, int], int]  # (fichier, début du bloc) → lignes avant le bloc
    d_un_tenant: frozenset[str]  # fichiers lus d'un seul tenant (guillemets à cheval)
    schema: pa.Schema
    nb_entree: int
    taille: int = TAILLE_LOT


class _FluxSegment(io.RawIOBase):
    """Un flux d'octets fait de morceaux successifs (l'en-tête, puis les lignes du segment)."""

    def __init__(self, morceaux: Iterator[bytes]):
        self._morceaux = morceaux
        self._tampon = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, tampon: Any) -> int:
        while not len(self._tampon):
            suivant = next(self._morceaux, None)
            if suivant is None:
                return 0
            self._tampon = memoryview(suivant)
        n = min(len(tampon), len(self._tampon))
        tampon[:n] = self._tampon[:n]
        self._tampon = self._tampon[n:]
        return n


class _SourceSegment:
    """Une ``Source`` (au sens de ``tables.fichiers``) qui lit un segment de lignes : la
    première ouverture ne rend que l'en-tête (détection du séparateur), la seconde le flux."""

    format = ".csv"
    chemin = None
    contenu = None

    def __init__(self, nom: str, entete: bytes, morceaux: Iterator[bytes]):
        self.nom = nom
        self._entete = entete
        self._morceaux = morceaux
        self._ouvertures = 0

    def ouvrir(self) -> IO[bytes]:
        self._ouvertures += 1
        if self._ouvertures == 1:
            return io.BytesIO(self._entete + b"\n")
        return io.BufferedReader(_FluxSegment(itertools.chain([self._entete + b"\n"],
                                                              self._morceaux)), 1 << 20)


def _lignes_jointes(octets: pa.Array) -> bytes:
    """Les lignes d'une colonne binaire, chacune suivie de « \\n », en un seul bloc d'octets
    (sans boucle Python par ligne)."""
    if not len(octets):
        return b""
    avec_fin = pc.binary_join_element_wise(octets, pa.scalar(b"", pa.binary()),
                                           pa.scalar(b"\n", pa.binary()))
    avec_fin = avec_fin.cast(pa.large_binary()) if len(octets) > 1 << 20 else avec_fin
    decalages = np.frombuffer(avec_fin.buffers()[1], dtype=np.int64
                              if pa.types.is_large_binary(avec_fin.type) else np.int32)
    debut = int(decalages[avec_fin.offset])
    fin = int(decalages[avec_fin.offset + len(avec_fin)])
    return avec_fin.buffers()[2].to_pybytes()[debut:fin]


def _troncons(lots: Iterable[pa.RecordBatch], d_un_tenant: frozenset[str]
              ) -> Iterator[tuple[tuple[str, int], int, pa.Array]]:
    """(segment, début du bloc, lignes) pour chaque suite de lignes consécutives d'un même
    bloc ; le segment d'un fichier lu d'un seul tenant est (fichier, 0)."""
    for lot in lots:
        if not lot.num_rows:
            continue
        fichiers = lot.column("_fichier")
        blocs = lot.column("_bloc").to_numpy(zero_copy_only=False)
        codes = pc.dictionary_encode(fichiers).indices.to_numpy(zero_copy_only=False)
        coupures = np.flatnonzero((codes[1:] != codes[:-1]) | (blocs[1:] != blocs[:-1])) + 1
        bornes = [0, *coupures.tolist(), lot.num_rows]
        for a, b in itertools.pairwise(bornes):
            fichier = fichiers[a].as_py()
            bloc = int(blocs[a])
            segment = (fichier, 0) if fichier in d_un_tenant else (fichier, bloc)
            yield segment, bloc, lot.column("_octets").slice(a, b - a)


def _morceaux(troncons: Iterable[tuple[Any, int, pa.Array]], fichier: str, d_un_tenant: bool,
              entete: bytes, erreurs: list[str]) -> Iterator[bytes]:
    """Les octets d'un segment, bloc après bloc ; l'en-tête d'un fichier (début du bloc 0)
    est vérifié puis sauté."""
    attendu = 0
    for i, (_, debut_bloc, octets) in enumerate(troncons):
        if d_un_tenant and debut_bloc < attendu:  # pragma: no cover — garde-fou
            raise RuntimeError(f"{fichier} : blocs dans le désordre")
        attendu = debut_bloc
        if i == 0 and debut_bloc == 0:
            if octets[0].as_py() != entete:
                erreurs.append(f"(fichier) : « {Path(fichier).name} » n'a pas le même en-tête "
                               "que le premier fichier")
                return
            octets = octets.slice(1)
        yield _lignes_jointes(octets)


def reperer_partition_csv(lots: Iterable[pa.RecordBatch], ctx: ContexteCsv
                          ) -> Iterator[pa.RecordBatch]:
    """Le travail d'une tâche : ses lignes de CSV (``_fichier``, ``_bloc``, ``_octets``) →
    résultats, rejets et un bilan par segment, au schéma ``ctx.schema``."""
    reperage = ctx.referentiel.reperage()
    emballage = Emballage(ctx.schema, ctx.nb_entree)
    for segment, troncons in itertools.groupby(_troncons(lots, ctx.d_un_tenant),
                                               key=lambda t: t[0]):
        fichier, bloc = segment
        bilan = BilanSegment(fichier)
        d_un_tenant = fichier in ctx.d_un_tenant
        # première ligne de données du segment, numérotée dans le fichier (en-tête = 1)
        premiere = 2 if bloc == 0 else ctx.decalages[(fichier, bloc)] + 1
        erreurs: list[str] = []
        source = _SourceSegment(str(fichier), ctx.entete_brute,
                                _morceaux(troncons, fichier, d_un_tenant, ctx.entete_brute,
                                          erreurs))
        decalage = premiere - 2
        try:
            lecture = ouvrir_lecture(source, ctx.encodage, ctx.taille)  # type: ignore[arg-type]
            for lu in lecture.lots():
                lignes = lu.lignes + decalage
                r = reperage.traiter(lu.donnees, lignes, lu.illisibles)
                rejets = [Rejet(x.ligne + decalage, x.id, x.champ, x.message)
                          for x in lu.rejets] + list(r.rejets)
                vides = [v + decalage for v in lu.vides] + list(r.vides)
                bilan.noter(r.lignes, rejets, vides)
                if r.sortie.num_rows:
                    yield emballage.resultats(r.sortie)
                if rejets or vides:
                    yield emballage.rejets(rejets, vides, fichier)
        except ErreurSaisie as e:
            erreurs.extend(e.messages)
        for _ in source._morceaux:  # le segment lu jusqu'au bout, même refusé
            pass
        if erreurs:
            bilan.erreur = "\n".join(erreurs[:50])
        if bilan.premiere is None:
            bilan.premiere = premiere
        yield emballage.bilan(bilan)


# --- Le travail d'une partition : un DataFrame de colonnes ----------------------------------


@dataclass(frozen=True)
class ContexteTableau:
    """Ce que chaque tâche reçoit pour repérer les lignes d'un DataFrame."""

    referentiel: ReferentielEnvoye
    canoniques: tuple[str, ...]
    schema: pa.Schema
    lignes_donnees: bool  # colonne ``_ligne`` fournie ; sinon rang dans la partition
    decalages: dict[int, int] = field(default_factory=dict)  # partition → lignes avant elle
    fichiers: bool = False  # colonne ``_fichier`` fournie


def reperer_partition_tableau(lots: Iterable[pa.RecordBatch], ctx: ContexteTableau,
                              partition: int | None = None) -> Iterator[pa.RecordBatch]:
    """Le travail d'une tâche sur un DataFrame : chaque colonne mise en texte comme le
    Parquet du lot local (``fichiers.en_texte``), puis le cœur ; un bilan par fichier."""
    reperage = ctx.referentiel.reperage()
    emballage = Emballage(ctx.schema, len(ctx.canoniques))
    if not ctx.lignes_donnees and partition is None:
        from pyspark import TaskContext

        partition = TaskContext.get().partitionId()
    rang = 2 + ctx.decalages.get(partition or 0, 0)
    bilans: dict[str | None, BilanSegment] = {}
    for lot in lots:
        n = lot.num_rows
        if not n:
            continue
        if ctx.lignes_donnees:
            lignes = lot.column("_ligne").to_numpy(zero_copy_only=False).astype(np.int64)
        else:
            lignes = np.arange(rang, rang + n, dtype=np.int64)
            rang += n
        fichiers = lot.column("_fichier") if ctx.fichiers else None
        if fichiers is not None:
            codes = pc.dictionary_encode(fichiers).indices.to_numpy(zero_copy_only=False)
            coupures = np.flatnonzero(codes[1:] != codes[:-1]) + 1
            bornes = [0, *coupures.tolist(), n]
        else:
            bornes = [0, n]
        for a, b in itertools.pairwise(bornes):
            fichier = fichiers[a].as_py() if fichiers is not None else None
            morceau = lot.slice(a, b - a)
            donnees = pa.RecordBatch.from_arrays(
                [en_texte(morceau.column(f"c{i}")) for i in range(len(ctx.canoniques))],
                names=list(ctx.canoniques))
            r = reperage.traiter(donnees, lignes[a:b])
            bilan = bilans.setdefault(fichier, BilanSegment(fichier))
            bilan.noter(r.lignes, r.rejets, r.vides)
            if r.sortie.num_rows:
                yield emballage.resultats(r.sortie)
            if r.rejets or r.vides:
                yield emballage.rejets(r.rejets, r.vides, fichier)
    for bilan in bilans.values():
        yield emballage.bilan(bilan)


# --- Session Spark --------------------------------------------------------------------------


def _configuration(maitre: str) -> dict[str, str]:
    """Réglages d'une session : pas de barre de progression, journal de la JVM réduit aux
    erreurs ; pour un maître local, tout en boucle locale (127.0.0.1), aucune interface web,
    et le Python des exécuteurs est le nôtre."""
    conf = {
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.execution.arrow.maxRecordsPerBatch": str(TAILLE_LOT),
        "spark.driver.extraJavaOptions": "-Dlog4j2.configurationFile="
        + str(Path(__file__).with_name("log4j2-spark.properties")),
    }
    if maitre.startswith("local"):
        conf |= {"spark.ui.enabled": "false", "spark.driver.memory": "2g",
                 "spark.sql.shuffle.partitions": "4",
                 "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
                 "spark.pyspark.python": sys.executable,
                 "spark.pyspark.driver.python": sys.executable}
    return conf


def ouvrir_session(maitre: str = "local[2]", conf: dict[str, str] | None = None) -> Any:
    """Une SparkSession (créée, ou celle qui existe déjà — spark-submit) avec les réglages
    de ``_configuration`` puis ``conf`` ; un maître local n'écoute que sur 127.0.0.1."""
    import warnings

    warnings.filterwarnings("ignore", message=".*pandas.*", category=FutureWarning)
    if maitre.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    constructeur = SparkSession.builder.master(maitre).appName("orientation")
    for cle, valeur in {**_configuration(maitre), **(conf or {})}.items():
        constructeur = constructeur.config(cle, valeur)
    spark = constructeur.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# --- L'API des carnets ------------------------------------------------------------------------


def _schema_spark(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _col(nom: str) -> Any:
    from pyspark.sql import functions as F  # noqa: N812

    return F.col("`" + nom.replace("`", "``") + "`")


def _preparer_tableau(df: Any, referentiel: Referentiel, ligne: str | None,
                      fichier: str | None, reperage: ReperageCohorte,
                      types_entree: pa.Schema | None = None, paquets: bool = False
                      ) -> tuple[Any, Entete, pa.Schema]:
    """Le DataFrame de transport (c0…, _ligne, _fichier) et le mapInArrow qui le repère."""
    from pyspark.sql import functions as F  # noqa: N812
    from pyspark.sql.pandas.types import to_arrow_schema

    reservees = {c for c in (ligne, fichier) if c}
    noms = [c for c in df.columns if c not in reservees]
    entete = resoudre_entete(noms, COLONNES_RESULTATS)
    colonnes = [_col(n).alias(f"c{i}") for i, n in enumerate(noms)]
    if ligne:
        colonnes.append(_col(ligne).cast("long").alias("_ligne"))
    if fichier:
        colonnes.append(_col(fichier).cast("string").alias("_fichier"))
    transport = df.select(*colonnes)
    decalages: dict[int, int] = {}
    if not ligne:
        comptes = (transport.groupBy(F.spark_partition_id().alias("p")).count().collect())
        total = 0
        for p, n in sorted((int(x["p"]), int(x["count"])) for x in comptes):
            decalages[p] = total
            total += n
    if types_entree is None:
        types_entree = to_arrow_schema(df.select(*[_col(n) for n in noms]).schema)
    entree_texte = pa.schema([pa.field(c, en_texte(pa.array([], t)).type)
                              for c, t in zip(entete.canoniques, types_entree.types,
                                              strict=True)])
    sortie_locale = schema_sortie_locale(reperage, entree_texte)
    schema = schema_transport(sortie_locale, len(noms), paquets)
    ctx = ContexteTableau(ReferentielEnvoye.depuis(referentiel), entete.canoniques, schema,
                          lignes_donnees=bool(ligne), decalages=decalages,
                          fichiers=bool(fichier))

    def travail(lots: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return reperer_partition_tableau(lots, ctx)

    return transport.mapInArrow(travail, _schema_spark(schema)), entete, sortie_locale


def _noms_resultats(libelles: bool) -> list[str]:
    from orientation.tables.lot import entetes_resultats

    return entetes_resultats(libelles)


def screen(df: Any, regles: str | Path | None = None, *, ligne: str | None = None,
           garder: bool = False) -> tuple[Any, Any]:
    """Repère chaque ligne d'un DataFrame Spark de situations → ``(resultats, rejets)``.

    ``df`` : une colonne par champ, nommée par son chemin (``social.aidant``) ou son libellé,
    de tout type (texte, nombres, booléens, listes : mis en texte comme un Parquet du lot
    local) ; une colonne ``id`` facultative ; les autres colonnes sont recopiées.
    ``ligne`` : une colonne qui numérote les lignes (sinon : rang dans le DataFrame + 2, comme
    sous un en-tête). ``resultats`` : les colonnes de ``df`` puis celles du résultat
    (``niveau``, ``urgence``… ``regles``), mêmes valeurs que ``orientation batch`` ;
    ``rejets`` : ``ligne``, ``id``, ``champ``, ``message`` (une ligne entièrement vide est
    rejetée : « ligne vide »). Un en-tête refusé lève ``ErreurSaisie`` tout de suite.

    Les deux DataFrames viennent du même calcul, refait par chaque action ; ``garder`` le
    garde en mémoire (MEMORY_ONLY : rien sur disque) jusqu'à ``spark.catalog.clearCache()``."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F  # noqa: N812

    referentiel = _referentiel(regles)
    reperage = ReperageCohorte(referentiel)
    tout, entete, _ = _preparer_tableau(df, referentiel, ligne, None, reperage)
    if garder:
        tout = tout.persist(StorageLevel.MEMORY_ONLY)
    noms = [c for c in df.columns if c != ligne]
    resultats = tout.filter(F.col("_genre") == RESULTAT).select(
        *[F.col(f"c{i}").alias(n) for i, n in enumerate(noms)],
        *[F.col(f"r{j}").alias(c) for j, c in enumerate(COLONNES_RESULTATS)])
    rejets = tout.filter(F.col("_genre") == REJET).select(
        *[F.col(f"_{c}").alias(c) for c in COLONNES_REJETS])
    return resultats, rejets


# --- orientation batch --spark ----------------------------------------------------------------


def est_url(chemin: str) -> bool:
    return "://" in chemin


def sortie_en_fichier(sortie: str) -> bool:
    """Une SORTIE locale qui a l'extension d'un format de ``batch`` est un fichier (écrit
    comme par le lot local) ; toute autre (URL, dossier) est un dossier de jeux de données
    Parquet (``resultats/`` et ``rejets/``)."""
    from orientation.tables.fichiers import FORMATS

    return not est_url(sortie) and Path(sortie).suffix.lower() in FORMATS


@dataclass
class Entree:
    """L'entrée vue par le pilote : format, en-tête, et pour un CSV sa première ligne."""

    chemin: str
    format: str
    entete: Entete
    lecture: Lecture | None = None
    entete_brute: bytes = b""
    encodage: str | None = None
    separateur: str | None = None
    types: pa.Schema | None = None  # Parquet : types Arrow des colonnes


def _format_entree(chemin: str, impose: str | None) -> str:
    if impose:
        fmt = impose if impose.startswith(".") else "." + impose
    else:
        suffixe = Path(chemin.rstrip("/")).suffix.lower()
        fmt = suffixe if suffixe else ".parquet"  # un dossier de jeu de données
    if fmt not in FORMATS_SPARK:
        raise ErreurSaisie([f"(fichier) : avec --spark, l'entrée est en CSV ou en Parquet "
                            f"(reçu : « {fmt} ») ; pour Excel ou JSON Lines, lancez batch "
                            "sans --spark"])
    return fmt


def _echantillon_spark(spark: Any, chemin: str) -> bytes:
    """Le début d'un CSV lu par Spark (URL, dossier) : ses premières lignes, ≤ 1 Mio."""
    from pyspark.sql import functions as F  # noqa: N812

    lignes = (spark.read.option("lineSep", "\n").text(chemin)
              .select(F.col("_metadata.file_path").alias("f"),
                      F.col("_metadata.file_block_start").alias("b"),
                      F.col("value").cast("binary").alias("v"))
              .filter(F.col("b") == 0).limit(2000).collect())
    if not lignes:
        raise ErreurSaisie(["(fichier) : le fichier est vide"])
    premier = lignes[0]["f"]
    texte, total = [], 0
    for x in lignes:
        if x["f"] != premier or total > TAILLE_ECHANTILLON:
            break
        texte.append(bytes(x["v"]))
        total += len(x["v"]) + 1
    return b"\n".join(texte) + b"\n"


def ouvrir_entree(spark: Any, chemin: str, format_impose: str | None,
                  encodage: str | None) -> Entree:
    """Reconnaît l'entrée sur le pilote, avant tout calcul : un en-tête refusé refuse tout,
    avec les messages du lot local."""
    from orientation.tables.fichiers import Source

    fmt = _format_entree(chemin, format_impose)
    local = not est_url(chemin) and Path(chemin).is_file()
    if not est_url(chemin) and not Path(chemin).exists():
        raise ErreurSaisie([f"(fichier) : « {chemin} » introuvable"])
    if fmt == ".csv":
        if local:
            with open(chemin, "rb") as f:
                echantillon = f.read(TAILLE_ECHANTILLON)
            source = Source.fichier(chemin, "csv")
        else:
            echantillon = _echantillon_spark(spark, chemin)
            source = Source.octets(Path(chemin.rstrip("/")).name + ".csv", echantillon)
        lecture = ouvrir_lecture(source, encodage)
        entete_brute = echantillon.split(b"\n", 1)[0]
        return Entree(chemin, fmt, lecture.entete, lecture, entete_brute, lecture.encodage,
                      lecture.separateur)
    if local:
        lecture = ouvrir_lecture(Source.fichier(chemin, "parquet"))
        import pyarrow.parquet as pq

        types = pq.ParquetFile(chemin).schema_arrow
        return Entree(chemin, fmt, lecture.entete, lecture, types=types)
    try:
        noms = spark.read.parquet(chemin).columns
    except Exception as e:  # noqa: BLE001 — tout jeu illisible : même message
        raise ErreurSaisie([f"(fichier) : Parquet illisible ({type(e).__name__})"]) from None
    entete = resoudre_entete(noms, COLONNES_RESULTATS)
    return Entree(chemin, fmt, entete, Lecture(entete, lambda: iter(())))


def _motif_ligne_sure(sep: str) -> str:
    """Expression Java d'une ligne de CSV qui se lit seule : chaque champ est soit entre
    guillemets (refermés sur la ligne), soit sans guillemet."""
    s = "\\" + sep
    champ = f'(?:"(?:[^"]++|"")*+"|[^"{s}\\r]*+)'
    return f"^{champ}(?:{s}{champ})*+\\r?$"


def _schema_lu_csv(entree: Entree) -> pa.Schema:
    """Les types des colonnes que le lecteur CSV local donne au cœur (lus sur un fichier
    réduit à l'en-tête : le lecteur rend alors un lot vide)."""
    from orientation.tables.fichiers import Source

    source = Source.octets("entete.csv", entree.entete_brute + b"\n")
    for lu in ouvrir_lecture(source, entree.encodage).lots():
        return lu.donnees.schema
    return pa.schema([(c, pa.string()) for c in entree.entete.canoniques])  # pragma: no cover


def _transport_csv(spark: Any, entree: Entree, referentiel: Referentiel,
                   reperage: ReperageCohorte, avertir: Callable[[str], None] = lambda m: None,
                   paquets: bool = False) -> tuple[Any, pa.Schema]:
    from pyspark.sql import functions as F  # noqa: N812

    lignes = (spark.read.option("lineSep", "\n").text(entree.chemin)
              .select(F.col("_metadata.file_path").alias("_fichier"),
                      F.col("_metadata.file_block_start").alias("_bloc"),
                      F.col("value")))
    motif = _motif_ligne_sure(entree.separateur or ",")
    # Premier passage, dans la JVM : lignes par bloc, lignes où un guillemet reste ouvert.
    comptes = lignes.groupBy("_fichier", "_bloc").agg(
        F.count(F.lit(1)).alias("n"),
        F.sum(F.when(F.col("value").contains('"') & ~F.col("value").rlike(motif), 1)
              .otherwise(0)).alias("ouvertes")).collect()
    decalages: dict[tuple[str, int], int] = {}
    d_un_tenant = set()
    par_fichier: dict[str, list[tuple[int, int]]] = {}
    for x in comptes:
        par_fichier.setdefault(x["_fichier"], []).append((int(x["_bloc"]), int(x["n"])))
        if x["ouvertes"]:
            d_un_tenant.add(x["_fichier"])
    for fichier, blocs in par_fichier.items():
        total = 0
        for bloc, n in sorted(blocs):
            decalages[(fichier, bloc)] = total
            total += n
    nb = len(entree.entete.canoniques)
    sortie_locale = schema_sortie_locale(reperage, _schema_lu_csv(entree))
    schema = schema_transport(sortie_locale, nb, paquets)
    ctx = ContexteCsv(ReferentielEnvoye.depuis(referentiel), entree.entete_brute,
                      entree.encodage or "utf-8", decalages, frozenset(d_un_tenant), schema, nb)
    octets = lignes.select("_fichier", "_bloc", F.col("value").cast("binary").alias("_octets"))
    normaux = octets.filter(~F.col("_fichier").isin(list(d_un_tenant))) if d_un_tenant \
        else octets
    parties = [normaux]
    for fichier in sorted(d_un_tenant):  # d'un seul tenant : une partition, dans l'ordre
        parties.append(octets.filter(F.col("_fichier") == fichier).coalesce(1))
        if len(par_fichier[fichier]) > 1:
            avertir(f"« {Path(fichier).name} » est lu d'un seul tenant, sans parallélisme : un "
                    "guillemet y ouvre une valeur sur plusieurs lignes (ou n'est pas refermé)")
    tout = parties[0]
    for p in parties[1:]:
        tout = tout.unionByName(p)

    def travail(lots: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        return reperer_partition_csv(lots, ctx)

    return tout.mapInArrow(travail, _schema_spark(schema)), sortie_locale


def _transport_parquet(spark: Any, entree: Entree, referentiel: Referentiel,
                       reperage: ReperageCohorte, avertir: Callable[[str], None] = lambda m: None,
                       paquets: bool = False) -> tuple[Any, pa.Schema]:
    from pyspark.sql import functions as F  # noqa: N812

    df = spark.read.parquet(entree.chemin)
    noms = list(entree.entete.noms)
    df = df.select(*[_col(n) for n in noms],
                   F.col("_metadata.file_path").alias("_fichier_"),
                   (F.col("_metadata.row_index") + 2).alias("_ligne_"))
    tout, _, sortie_locale = _preparer_tableau(df, referentiel, "_ligne_", "_fichier_",
                                               reperage, entree.types, paquets)
    return tout, sortie_locale


# --- Écriture des sorties ---------------------------------------------------------------------


@dataclass
class _Bilans:
    reperees: int = 0
    rejetees: int = 0
    vides: int = 0
    derniere: dict[str | None, int] = field(default_factory=dict)
    vides_finales: int = 0
    restants: int = 0  # rejets non passés à ``rejet`` (jeux de données : les 500 premiers)


def _lire_bilans(lignes: list[Any]) -> _Bilans:
    """Les bilans des segments → totaux ; refuse le fichier si un segment l'a refusé."""
    erreurs = [m for x in lignes if x["_erreur"] for m in x["_erreur"].split("\n")]
    if erreurs:
        raise ErreurSaisie(list(dict.fromkeys(erreurs)))
    b = _Bilans()
    for x in lignes:
        b.reperees += x["_n"]
        b.rejetees += x["_rejetees"]
        b.vides += x["_vides"]
        f = x["_fichier"]
        b.derniere[f] = max(b.derniere.get(f, 0), x["_derniere"] or 0)
    return b


class _Fs:
    """Le système de fichiers de Hadoop (local, HDFS, S3…) vu du pilote, par la JVM."""

    def __init__(self, spark: Any, chemin: str):
        jvm = spark.sparkContext._jvm
        self._jvm = jvm
        self.conf = spark.sparkContext._jsc.hadoopConfiguration()
        self.chemin = jvm.org.apache.hadoop.fs.Path(chemin)
        self.fs = self.chemin.getFileSystem(self.conf)

    def path(self, chemin: str) -> Any:
        return self._jvm.org.apache.hadoop.fs.Path(chemin)

    def existe(self, chemin: str) -> bool:
        return bool(self.fs.exists(self.path(chemin)))

    def dossier(self, chemin: str) -> bool:
        return bool(self.fs.getFileStatus(self.path(chemin)).isDirectory())

    def enfants(self, chemin: str) -> list[str]:
        return sorted(str(s.getPath().getName()) for s in self.fs.listStatus(self.path(chemin)))

    def effacer(self, chemin: str) -> None:
        self.fs.delete(self.path(chemin), True)

    def renommer(self, de: str, vers: str) -> bool:
        return bool(self.fs.rename(self.path(de), self.path(vers)))


def _voisin_cache(chemin: str, etiquette: str) -> str:
    """Un nom caché à côté de ``chemin`` (même dossier, même système de fichiers)."""
    chemin = chemin.rstrip("/")
    parent, _, nom = chemin.rpartition("/")
    cache = f".{nom}.{etiquette}-{uuid.uuid4().hex[:12]}"
    return f"{parent}/{cache}" if parent else cache


def _ecrire_jeux(spark: Any, tout: Any, meta: Any, entree: Entree, sortie: str,
                 libelles: bool, bilans: _Bilans, referentiel: Referentiel) -> None:
    """SORTIE/resultats et SORTIE/rejets (Parquet), écrits sous un nom caché puis renommés ;
    une SORTIE qui existe n'est remplacée que si c'est un résultat d'orientation."""
    from pyspark.sql import functions as F  # noqa: N812

    fs = _Fs(spark, sortie)
    if fs.existe(sortie):
        if not fs.dossier(sortie) or not {"resultats", "rejets"} <= set(fs.enfants(sortie)):
            raise ErreurSaisie([f"(sortie) : « {sortie} » existe et n'est pas une sortie "
                                "d'orientation (dossiers resultats/ et rejets/) : choisissez "
                                "un autre nom"])
    en_cours = _voisin_cache(sortie, "en-cours")
    noms = [entree.lecture.noms_sortie.get(c, c) if entree.lecture else c
            for c in entree.entete.canoniques]
    entetes = _noms_resultats(libelles)
    try:
        resultats = tout.filter(F.col("_genre") == RESULTAT).select(
            *[F.col(f"c{i}").alias(n) for i, n in enumerate(noms)],
            *[F.col(f"r{j}").alias(e) for j, e in enumerate(entetes)])
        if libelles:
            resultats = _avec_libelles(resultats, entetes, referentiel)
        resultats.write.parquet(f"{en_cours}/resultats")
        rejets = meta.filter((F.col("_genre") == REJET) & ~_finale(bilans))
        rejets.select(F.col("_fichier").alias("fichier"),
                      *[F.col(f"_{c}").alias(c) for c in COLONNES_REJETS]
                      ).write.parquet(f"{en_cours}/rejets")
        if fs.existe(sortie):
            fs.effacer(sortie)
        if not fs.renommer(en_cours, sortie):
            raise OSError(f"renommage impossible vers « {sortie} »")
    finally:
        if fs.existe(en_cours):
            fs.effacer(en_cours)


def _traduire(carte: Any) -> Callable[[Any], Any]:
    from pyspark.sql import functions as F  # noqa: N812

    return lambda x: F.coalesce(F.element_at(carte, x), x)


def _avec_libelles(resultats: Any, entetes: list[str], referentiel: Referentiel) -> Any:
    """Les identifiants des colonnes de résultat remplacés par leurs libellés (--libelles),
    par la même table que le lot local."""
    from pyspark.sql import functions as F  # noqa: N812

    from orientation.tables.colonnes import COLONNES_LISTES
    from orientation.tables.lot import _libelles_resultats

    tables = _libelles_resultats(referentiel)
    colonnes = []
    for c, e in zip(COLONNES_RESULTATS, entetes, strict=True):
        table = tables.get(c)
        if table is None:
            colonnes.append(_col(e))
            continue
        carte = F.create_map(*[x for k, v in table.items() for x in (F.lit(k), F.lit(v))])
        if c in COLONNES_LISTES:
            valeur = F.array_join(F.transform(
                F.filter(F.split(_col(e), ";"), lambda x: x != ""), _traduire(carte)), "; ")
        else:
            valeur = F.coalesce(F.element_at(carte, _col(e)), _col(e))
        colonnes.append(valeur.alias(e))
    autres = [_col(n) for n in resultats.columns[: len(resultats.columns) - len(entetes)]]
    return resultats.select(*autres, *colonnes)


def _ecrire_fichier(spark: Any, tout: Any, entree: Entree, sortie: Path, options: Any,
                    rejet: Callable[[Rejet], None],
                    bilan: Any) -> _Bilans:
    """Une SORTIE fichier : Spark écrit tout (lots de résultats en flux IPC Arrow, rejets,
    bilans) dans un dossier caché à côté de la sortie ; le pilote le relit dans l'ordre et
    écrit la sortie et ses rejets avec l'écrivain du lot local (mêmes lots, mêmes octets),
    puis efface le dossier caché."""
    import pyarrow.parquet as pq
    from pyspark.sql import functions as F  # noqa: N812

    from orientation.tables.fichiers import (
        Ecrivain,
        FichierAtomique,
        chemin_des_rejets,
        ecrire_rejets_csv,
        format_de,
    )
    from orientation.tables.lot import MiseEnForme, reperage_pour

    format_sortie = format_de(sortie, options.format_sortie)
    cache = Path(_voisin_cache(str(sortie.resolve()), "spark"))
    atomique = rejets_atomique = None
    termine = False
    try:
        tout.write.parquet("file://" + str(cache))
        parts = spark.read.parquet("file://" + str(cache))
        lignes = (parts.filter(F.col("_genre") == BILAN)
                  .select(*META.names, F.col("_metadata.file_name").alias("_part"))
                  .collect())  # sans la colonne des paquets : les résultats ne sont pas relus
        bilans = _lire_bilans(lignes)
        # l'ordre des morceaux : celui de leur premier segment dans l'entrée
        premier: dict[str, tuple[str, int]] = {}
        for x in lignes:
            cle = (x["_fichier"] or "", x["_ligne"] or 0)
            premier[x["_part"]] = min(premier.get(x["_part"], cle), cle)
        ordre = sorted(premier, key=lambda p: premier[p])
        dialecte = options.dialecte or ("excel-fr" if entree.separateur == ";" else "standard")
        presentation = Presentation(dialecte, options.libelles)
        bilan.dialecte = dialecte
        reperage = reperage_pour(options.regles)
        mise_en_forme = MiseEnForme(entree.lecture, presentation, reperage.referentiel,
                                    format_sortie)
        atomique = FichierAtomique(sortie)
        ecrivain = Ecrivain(atomique.flux, format_sortie, presentation, mise_en_forme,
                            mise_en_forme.statistiques)
        rejets_excel: list[Rejet] = []
        for part in ordre:
            # une ligne par lot de résultats (flux IPC) : quelques lignes à la fois
            for lot in pq.ParquetFile(cache / part).iter_batches(batch_size=4):
                genre = lot.column("_genre").to_numpy(zero_copy_only=False)
                for paquet in lot.filter(pa.array(genre == RESULTAT)).column("_lot"):
                    for res in pa.ipc.open_stream(paquet.as_buffer()):
                        ecrivain.ecrire(res)
                rej = lot.filter(pa.array(genre == REJET))
                if not rej.num_rows:
                    continue
                rejets = []
                for f, ligne, id_, champ, message, vide in zip(
                        *(rej.column(c).to_pylist() for c in
                          ("_fichier", "_ligne", "_id", "_champ", "_message", "_vide")),
                        strict=True):
                    if vide and ligne > bilans.derniere.get(f, 0):
                        bilans.vides_finales += 1  # ligne vide en fin de fichier : ignorée
                        continue
                    rejets.append(Rejet(ligne, id_, champ, message))
                for r in rejets:
                    rejet(r)
                if format_sortie == ".xlsx":
                    rejets_excel.extend(rejets)
                elif rejets:
                    premier_lot = rejets_atomique is None
                    if premier_lot:
                        rejets_atomique = FichierAtomique(chemin_des_rejets(sortie))
                    ecrire_rejets_csv(rejets_atomique.flux, rejets, presentation, premier_lot)
        ecrivain.fermer(mise_en_forme.vide(), rejets_excel)
        if rejets_atomique is not None:
            rejets_atomique.valider()
            bilan.fichier_rejets = rejets_atomique.cible
        atomique.valider()
        termine = True
        return bilans
    finally:
        if not termine:
            for f in (atomique, rejets_atomique):
                if f is not None:
                    f.abandonner()
        import shutil

        shutil.rmtree(cache, ignore_errors=True)


def executer_spark(entree: str, sortie: str, options: Any, maitre: str,
                   conf: dict[str, str] | None = None, *, format_entree: str | None = None,
                   rejet: Callable[[Rejet], None] = lambda r: None,
                   avertir: Callable[[str], None] = lambda m: None) -> Any:
    """``orientation batch ENTREE -o SORTIE --spark MAITRE`` : même bilan que le lot local
    (``tables.lot.Bilan``). SORTIE fichier (``.csv``, ``.parquet``…) : écrite comme par le
    lot local, rejets dans ``SORTIE.rejets.csv`` ; SORTIE dossier ou URL : jeux de données
    Parquet ``SORTIE/resultats`` et ``SORTIE/rejets`` (avec la colonne ``fichier``)."""
    from pyspark import StorageLevel

    from orientation.tables.lot import Bilan, reperage_pour

    debut = time.perf_counter()
    if options.dialecte is not None and options.dialecte not in ("standard", "excel-fr"):
        raise ErreurSaisie([f"(options) : dialecte « {options.dialecte} » inconnu"])
    if sortie_en_fichier(sortie):
        import errno

        from orientation.tables.fichiers import format_de
        from orientation.tables.lot import verifier_chemins

        format_de(sortie, options.format_sortie)
        cible = Path(sortie)
        if not cible.parent.is_dir():  # avant Spark, qui créerait les dossiers manquants
            raise FileNotFoundError(errno.ENOENT, "dossier introuvable", sortie)
        if cible.exists() and not cible.is_file():
            raise IsADirectoryError(errno.EISDIR, "pas un fichier ordinaire", sortie)
        if not est_url(entree) and Path(entree).is_file():
            verifier_chemins(Path(entree), cible)
    fmt = _format_entree(entree, format_entree)
    if not est_url(entree) and not Path(entree).exists():
        raise ErreurSaisie([f"(fichier) : « {entree} » introuvable"])
    reperage = reperage_pour(options.regles)
    referentiel = reperage.referentiel
    spark = ouvrir_session(maitre, conf)
    spark.sparkContext.setLogLevel("OFF")  # les échecs remontent par ErreurSpark, en une phrase
    if fmt == ".csv":
        ouverte = ouvrir_entree(spark, entree, "csv", options.encodage)
    else:
        ouverte = ouvrir_entree(spark, entree, "parquet", None)
    if ouverte.entete.recopiees:
        avertir("colonnes recopiées telles quelles (ce ne sont pas des champs) : "
                + ", ".join(f"« {n} »" for n in ouverte.entete.recopiees))
    transporter = _transport_csv if fmt == ".csv" else _transport_parquet
    en_fichier = sortie_en_fichier(sortie)
    tout, _ = transporter(spark, ouverte, referentiel, reperage, avertir, paquets=en_fichier)
    dialecte = options.dialecte or ("excel-fr" if ouverte.separateur == ";" else "standard")
    bilan = Bilan(recopiees=ouverte.entete.recopiees, encodage=ouverte.encodage,
                  dialecte=dialecte)
    if en_fichier:
        bilans = _ecrire_fichier(spark, tout, ouverte, Path(sortie), options, rejet, bilan)
    else:
        # Deux calculs : le premier garde en mémoire les rejets et les bilans (petits ; rien
        # sur disque), le second écrit les résultats. Rien de gros n'est gardé.
        from pyspark.sql import functions as F  # noqa: N812

        meta = tout.filter(F.col("_genre") != RESULTAT).select(*META.names)
        meta = meta.persist(StorageLevel.MEMORY_ONLY)
        try:
            bilans = _lire_bilans(meta.filter(F.col("_genre") == BILAN).collect())
            _ecrire_jeux(spark, tout, meta, ouverte, sortie, options.libelles, bilans,
                         referentiel)
            bilans.vides_finales = _vides_finales(meta, bilans).count()
            _premiers_rejets(meta, bilans, rejet)
            bilan.fichier_rejets = sortie.rstrip("/") + "/rejets"
        finally:
            meta.unpersist()
    bilan.reperees = bilans.reperees
    bilan.vides_finales = bilans.vides_finales
    bilan.rejetees = bilans.rejetees + bilans.vides - bilans.vides_finales
    bilan.lues = bilan.reperees + bilan.rejetees
    bilan.secondes = time.perf_counter() - debut
    return bilan, bilans.restants


def _finale(bilans: _Bilans) -> Any:
    """Vrai pour un rejet « ligne vide » qui suit la dernière ligne non vide de son fichier
    (ignoré et compté, comme en local)."""
    from pyspark.sql import functions as F  # noqa: N812

    seuils = F.create_map(*[x for f, d in bilans.derniere.items() if f is not None
                            for x in (F.lit(f), F.lit(d))]) if bilans.derniere else None
    seuil = (F.coalesce(F.element_at(seuils, F.col("_fichier")), F.lit(0))
             if seuils is not None else F.lit(bilans.derniere.get(None, 0)))
    return F.col("_vide") & (F.col("_ligne") > seuil)


def _vides_finales(tout: Any, bilans: _Bilans) -> Any:
    from pyspark.sql import functions as F  # noqa: N812

    return tout.filter((F.col("_genre") == REJET) & _finale(bilans))


def _premiers_rejets(tout: Any, bilans: _Bilans, rejet: Callable[[Rejet], None],
                     combien: int = 500) -> None:
    """Les premiers rejets (dans l'ordre des fichiers et des lignes) passés à ``rejet`` ;
    le nombre des autres dans ``bilans.restants``."""
    from pyspark.sql import functions as F  # noqa: N812

    rejets = tout.filter((F.col("_genre") == REJET) & ~_finale(bilans))
    premiers = rejets.orderBy("_fichier", "_ligne").limit(combien).collect()
    for x in premiers:
        rejet(Rejet(x["_ligne"], x["_id"], x["_champ"], x["_message"]))
    if len(premiers) == combien:
        bilans.restants = rejets.count() - combien

