"""Lire et écrire les tableaux de situations, dans tous les formats, depuis un chemin ou des
octets : le seul module qui touche aux fichiers de cohortes (``orientation batch``, la page
Scénarios, le modèle à remplir).

Formats (par l'extension, ou imposés) : ``.csv`` (séparateur « , » ou « ; » lu sur l'en-tête ;
UTF-8, avec ou sans BOM, ou Windows-1252, détecté), ``.xlsx`` (première feuille), ``.parquet``
et ``.jsonl`` (un objet par ligne, clés pointées ou objets imbriqués). Tout est lu par lots
Arrow (``pyarrow``) : la mémoire ne dépend pas du nombre de lignes. Chaque cellule arrive au
repérage en texte, codée par dictionnaire (``tables.cohorte``).

Numéro de ligne des rejets : celui que l'utilisateur voit — en CSV et Excel l'en-tête est la
ligne 1 (une cellule entre guillemets sur plusieurs lignes est comptée pour ses lignes) ; en
Parquet la première ligne de données est la ligne 2 (comme sous un en-tête dans un tableur) ;
en JSON Lines, la ligne du fichier.

Fichiers hostiles : un classeur Excel est examiné avant d'être décompressé (taille
décompressée, longueur d'une cellule, nombre de lignes et de colonnes) ; un caractère de
contrôle (NUL…) rejette sa ligne ; un guillemet non fermé rejette chacune des lignes qu'il a
absorbées.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import os
import re
import tempfile
import threading
import zipfile
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from orientation.situation.erreurs import ErreurSaisie
from orientation.tables.colonnes import (
    CHAMPS_COLONNES,
    COLONNE_ID,
    COLONNES,
    COLONNES_RESULTATS,
    ENTETES_PLIES,
    Entete,
    Rejet,
    plier,
    resoudre_entete,
)

FORMATS = (".csv", ".jsonl", ".parquet", ".xlsx")
TAILLE_LOT = 65_536
LIGNES_MAX_EXCEL = 1_048_576  # en-tête compris
COLONNES_MAX_EXCEL = 16_384
TAILLE_ECHANTILLON = 1 << 20


@dataclass(frozen=True)
class LimitesExcel:
    """Bornes d'un classeur reçu, vérifiées avant de le décompresser."""

    decompresse: int = 1 << 30  # octets, toutes les parties XML réunies
    cellule: int = 32_767 * 6  # caractères d'XML entre deux balises (32 767 : limite d'Excel)
    colonnes: int = 1_000
    lignes: int = LIGNES_MAX_EXCEL


LIMITES_EXCEL = LimitesExcel()


def format_de(nom: str | Path, impose: str | None = None) -> str:
    """Le format d'un fichier (``.csv``…), par son extension ou imposé."""
    suffixe = impose if impose else Path(str(nom)).suffix.lower()
    if suffixe and not suffixe.startswith("."):
        suffixe = "." + suffixe
    if suffixe not in FORMATS:
        raise ErreurSaisie([f"(fichier) : format « {suffixe or Path(str(nom)).name} » non pris "
                            f"en charge ; formats permis : {', '.join(FORMATS)}"])
    return suffixe


def nombre_fr(n: int | float, decimales: int = 0) -> str:
    """Un nombre à la française : espace entre les milliers, virgule décimale."""
    texte = f"{n:,.{decimales}f}"
    return texte.replace(",", " ").replace(".", ",")


# --- Sources ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Un tableau à lire : un fichier, ou des octets reçus (page Scénarios, entrée standard)."""

    nom: str
    format: str
    chemin: Path | None = None
    contenu: bytes | None = None

    @classmethod
    def fichier(cls, chemin: str | Path, format_: str | None = None) -> Source:
        chemin = Path(chemin)
        fmt = format_de(chemin, format_)
        if not chemin.is_file():
            raise ErreurSaisie([f"(fichier) : « {chemin} » introuvable"])
        return cls(chemin.name, fmt, chemin=chemin)

    @classmethod
    def octets(cls, nom: str, contenu: bytes, format_: str | None = None) -> Source:
        return cls(nom, format_de(nom, format_), contenu=contenu)

    def ouvrir(self) -> IO[bytes]:
        if self.chemin is not None:
            return self.chemin.open("rb")
        return io.BytesIO(self.contenu or b"")


@dataclass
class LotLu:
    """Un lot de lignes lues : ``donnees`` (colonnes aux noms internes, en texte), le numéro
    de chaque ligne, et ce que la lecture a déjà refusé."""

    donnees: pa.RecordBatch
    lignes: np.ndarray
    rejets: list[Rejet] = field(default_factory=list)
    vides: list[int] = field(default_factory=list)
    illisibles: dict[str, np.ndarray] | None = None


@dataclass
class Lecture:
    """Un tableau ouvert : son en-tête reconnu, et ses lots (``lots()``, une seule fois)."""

    entete: Entete
    lots: Callable[[], Iterator[LotLu]]
    separateur: str | None = None
    encodage: str | None = None
    total: int | None = None  # lignes de données, quand on le sait d'avance
    echo: tuple[str, ...] = ()  # colonnes recopiées dans la sortie (noms internes)
    noms_sortie: dict[str, str] = field(default_factory=dict)  # nom interne → en-tête
    # colonnes que la lecture a codées par dictionnaire (texte ordinaire dans le fichier) :
    # la sortie les réécrit en texte ordinaire
    codees: frozenset[str] = frozenset()


def _entete(noms: Sequence[Any]) -> Entete:
    if getattr(_BRUT, "actif", False):
        textes = tuple("" if n is None else str(n).strip() for n in noms)
        return Entete(textes, textes, ())
    return resoudre_entete(noms, COLONNES_RESULTATS)


_BRUT = threading.local()
TEXTE_CODE = pa.dictionary(pa.int32(), pa.string())


def _a_coder(canonique: str) -> bool:
    """Les colonnes des champs sont lues codées par dictionnaire : leurs indices sont les
    codes du repérage (``tables.cohorte``), et l'on ne traite qu'une fois chaque valeur
    distincte (neutralisation, caractères interdits). L'identifiant et les colonnes libres,
    presque toutes distinctes, restent du texte ordinaire."""
    return canonique in CHAMPS_COLONNES and not getattr(_BRUT, "actif", False)


def par_valeur(colonne: pa.Array, calcul: Callable[[pa.Array], pa.Array]) -> pa.Array:
    """``calcul`` (Arrow, sur du texte) ligne à ligne ; sur une colonne codée par
    dictionnaire, une fois par valeur distincte (une cellule nulle donne nul)."""
    if pa.types.is_dictionary(colonne.type):
        return calcul(colonne.dictionary).take(colonne.indices)
    return calcul(colonne)


def ouvrir_lecture(source: Source, encodage: str | None = None, taille: int = TAILLE_LOT,
                   limites: LimitesExcel = LIMITES_EXCEL, brut: bool = False) -> Lecture:
    """Ouvre un tableau ; ``ErreurSaisie`` si le fichier entier est refusé (en-tête, format).
    ``brut`` : en-têtes pris tels quels, sans reconnaître les colonnes (pas en JSON Lines)."""
    _BRUT.actif = brut
    try:
        if source.format == ".csv":
            lecture = _lire_csv(source, encodage, taille)
        elif source.format == ".jsonl":
            lecture = _lire_jsonl(source, taille)
        elif source.format == ".parquet":
            lecture = _lire_parquet(source, taille)
        else:
            lecture = _lire_excel(source, taille, limites)
    finally:
        _BRUT.actif = False
    if not lecture.echo:
        lecture.echo = lecture.entete.canoniques
    if not lecture.noms_sortie:
        lecture.noms_sortie = dict(zip(lecture.entete.canoniques, lecture.entete.noms,
                                       strict=True))
    return lecture


# --- CSV ----------------------------------------------------------------------------------------


def detecter_encodage(echantillon: bytes) -> str:
    """UTF-8 (avec ou sans BOM) si le début du fichier en est, Windows-1252 sinon (Excel en
    français sous Windows). Même règle pour la ligne de commande et l'application."""
    if echantillon.startswith(codecs.BOM_UTF8):
        return "utf-8"
    try:
        echantillon.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start >= len(echantillon) - 3 and e.reason == "unexpected end of data":
            return "utf-8"  # échantillon coupé au milieu d'un caractère
        return "cp1252"
    return "utf-8"


def separateur_csv(entete: str) -> str:
    """« ; » (Excel en français) ou « , », lu sur la ligne d'en-tête."""
    return ";" if entete.count(";") > entete.count(",") else ","


ILLISIBLE = "\ufffd"
_ILLISIBLE_UTF8 = ILLISIBLE.encode("utf-8")


class EnUtf8(io.RawIOBase):
    """Un flux d'octets dans l'encodage du fichier → le même en UTF-8, octets illisibles
    remplacés par U+FFFD (la ligne qui en contient est rejetée). Un morceau déjà en UTF-8
    valide passe tel quel (le cas courant ne coûte qu'une vérification)."""

    def __init__(self, flux: IO[bytes], encodage: str, cr_seul: bool = False,
                 avance_max: int | None = None):
        self._flux = flux
        # Contre-pression : le lecteur CSV de pyarrow lit jusqu'à 32 blocs d'avance dans un
        # fil à lui (512 Mo de blocs de 16 Mo si le repérage est plus lent que le disque) ;
        # ici, pas plus de ``avance_max`` octets d'avance sur ce que le lecteur a rendu.
        self._avance_max = avance_max
        self._livres = 0
        self._consommes = 0
        self._libere = False
        self._condition = threading.Condition()
        self._encodage = encodage
        self._cr_seul = cr_seul  # fins de ligne CR seules (ancien Mac) : lues comme LF
        self._dernier = b"\n"  # dernier octet rendu : le fichier finit par une fin de ligne
        self._decodeur = codecs.getincrementaldecoder(encodage)(errors="replace")
        self._tampon: bytes | memoryview = b""
        self._lu = 0
        self._fini = False
        self._debut = True
        self.guillemets = False  # un guillemet lu : une valeur peut contenir un saut de ligne
        self.illisibles = False  # un octet illisible (ou U+FFFD) lu

    def readable(self) -> bool:
        return True

    def _suivant(self) -> bytes:
        morceau = self._flux.read(1 << 20)
        if self._debut:
            morceau = morceau.removeprefix(codecs.BOM_UTF8)
            self._debut = False
        if not morceau:
            self._fini = True
            reste = self._noter(self._decodeur.decode(b"", final=True).encode("utf-8"))
            # Une dernière ligne sans fin de ligne (un en-tête seul, par exemple) : la fin de
            # ligne est ajoutée, comme si le fichier était bien terminé.
            return reste if self._dernier == b"\n" else reste + b"\n"
        if self._encodage == "utf-8" and not self._decodeur.getstate()[0]:
            if morceau.isascii():  # le cas courant : rien de plus à vérifier
                return self._noter(morceau)
            try:
                morceau.decode("utf-8")
                return self._noter(morceau)
            except UnicodeDecodeError:
                pass  # octets illisibles, ou caractère coupé en fin de morceau
        return self._noter(self._decodeur.decode(morceau).encode("utf-8"))

    def _noter(self, morceau: bytes) -> bytes:
        if self._cr_seul:
            morceau = morceau.replace(b"\r", b"\n")
        if morceau:
            self._dernier = morceau[-1:]
        self.guillemets = self.guillemets or b'"' in morceau
        self.illisibles = self.illisibles or _ILLISIBLE_UTF8 in morceau
        return morceau

    def consommer(self, octets: int) -> None:
        """Le lecteur a rendu ``octets`` de plus : la lecture peut reprendre d'autant."""
        with self._condition:
            self._consommes += octets
            self._condition.notify_all()

    def rattraper(self) -> None:
        """Tout ce qui a été rendu est lu (lecture tirée par son lecteur même : aucune
        avance à borner) ; la contre-pression repart de là."""
        with self._condition:
            self._consommes = self._livres
            self._condition.notify_all()

    def liberer(self) -> None:
        """Plus de contre-pression (fin de lecture, abandon) : rien ne reste bloqué."""
        with self._condition:
            self._libere = True
            self._condition.notify_all()

    def _attendre(self) -> None:
        if self._avance_max is None:
            return
        with self._condition:
            while not self._libere and self._livres - self._consommes > self._avance_max:
                self._condition.wait(0.5)

    def readinto(self, tampon: Any) -> int:
        # ``_tampon`` est rendu par tranches (position ``_lu``) : aucune recopie du reste
        while self._lu >= len(self._tampon) and not self._fini:
            self._attendre()
            self._tampon, self._lu = memoryview(self._suivant()), 0
            self._livres += len(self._tampon)
        n = min(len(tampon), len(self._tampon) - self._lu)
        tampon[:n] = self._tampon[self._lu:self._lu + n]
        self._lu += n
        return n


def _illisibles(valeurs: pa.Array) -> np.ndarray | None:
    masque = pc.fill_null(pc.match_substring(valeurs, ILLISIBLE), False).to_numpy(
        zero_copy_only=False)
    return masque if masque.any() else None


# Blocs lus d'avance au plus par le lecteur CSV (au-delà, il attend que le repérage suive) :
# la mémoire ne dépend pas de la taille du fichier (docs/benchmarks.md).
AVANCE_BLOCS = 4


def _lire_csv(source: Source, encodage: str | None, taille: int) -> Lecture:
    import pyarrow.csv as pcsv

    taille_bloc = max(1 << 16, min(1 << 24, taille * 256))  # ≈ ``taille`` lignes par lot
    with source.ouvrir() as f:
        echantillon = f.read(TAILLE_ECHANTILLON)
    if not echantillon.strip():
        raise ErreurSaisie(["(fichier) : le fichier est vide"])
    impose = encodage is not None
    if encodage is None:
        encodage = detecter_encodage(echantillon)
    else:
        try:
            encodage = codecs.lookup(encodage).name
        except LookupError:
            raise ErreurSaisie([f"(fichier) : encodage inconnu « {encodage} » (exemples : "
                                "utf-8, cp1252, latin-1)"]) from None
        if encodage in ("utf-8-sig",):
            encodage = "utf-8"
    # Fins de ligne CR seules (fichier d'un ancien Mac) : lues comme des LF, partout.
    cr_seul = b"\r" in echantillon and b"\n" not in echantillon
    if cr_seul:
        echantillon = echantillon.replace(b"\r", b"\n")
    premiere = echantillon.split(b"\n", 1)[0].rstrip(b"\r")
    texte = premiere.decode(encodage, errors="replace").lstrip("\ufeff")
    sep = separateur_csv(texte)
    noms = next(csv.reader([texte], delimiter=sep), [])
    entete = _entete(noms)
    internes = [f"c{i}" for i in range(len(noms))]
    invalides: dict[int, str] = {}

    types = {n: TEXTE_CODE if _a_coder(c) else pa.string()
             for n, c in zip(internes, entete.canoniques, strict=True)}
    conversion = pcsv.ConvertOptions(column_types=types, strings_can_be_null=True,
                                     quoted_strings_can_be_null=False)

    def analyser(bloc: bytes, premier: int) -> tuple[pa.Table, dict[int, str]]:
        """Un bloc de lignes entières sans guillemets (une ligne = un enregistrement), dont
        le premier enregistrement porte le numéro ``premier`` ; ses rangées invalides."""
        fautives: dict[int, str] = {}

        def invalide(rangee: Any) -> str:
            fautives[rangee.number + premier - 1] = rangee.text
            return "skip"

        try:
            table = pcsv.read_csv(pa.BufferReader(bloc), read_options=pcsv.ReadOptions(
                use_threads=False, block_size=len(bloc) + 1, column_names=internes),
                parse_options=pcsv.ParseOptions(delimiter=sep, newlines_in_values=False,
                                                ignore_empty_lines=False,
                                                invalid_row_handler=invalide),
                convert_options=conversion)
        except pa.ArrowInvalid as e:
            raise ErreurSaisie([f"(fichier) : CSV illisible ({str(e)[:200]})"]) from None
        return table, fautives

    def lots() -> Iterator[LotLu]:
        brut = source.ouvrir()
        transcodeur = EnUtf8(brut, encodage, cr_seul, avance_max=AVANCE_BLOCS * taille_bloc)
        flux = io.BufferedReader(transcodeur, 1 << 20)
        etat = _NumerosCsv(len(noms), sep)
        # Tant que le texte n'a ni guillemet ni retour chariot seul, chaque ligne est un
        # enregistrement : le fichier se découpe en blocs de lignes entières, analysés en
        # parallèle (les numéros de ligne se comptent d'avance). Au premier bloc qui en a un,
        # la suite est lue par le lecteur en flux de pyarrow, qui suit les guillemets.
        pool = ThreadPoolExecutor(fils_lecture_csv())
        en_cours: deque = deque()

        def rendre() -> LotLu:
            table, fautives = en_cours.popleft().result()
            invalides.update(fautives)
            etat.guillemets, etat.illisibles = False, transcodeur.illisibles
            return _lot_csv(table, entete, encodage, invalides, etat)

        try:
            flux.readline()  # l'en-tête (déjà lu et reconnu)
            suivant, reste = 2, b""  # numéro de la première ligne de ``reste``
            while True:
                morceau = flux.read(taille_bloc)
                transcodeur.rattraper()
                if not morceau and not reste:
                    break
                coupure = morceau.rfind(b"\n")
                if coupure < 0 and morceau:  # une ligne plus longue que le bloc
                    reste += morceau
                    continue
                bloc, reste = reste + morceau[:coupure + 1], morceau[coupure + 1:]
                if (b'"' in bloc or bloc.count(b"\r") != bloc.count(b"\r\n")):
                    reste = bloc + reste
                    break
                en_cours.append(pool.submit(analyser, bloc, suivant))
                suivant += bloc.count(b"\n")
                while len(en_cours) > AVANCE_BLOCS:
                    yield rendre()
            while en_cours:
                yield rendre()
            if reste:
                # des guillemets : la suite (à partir de ``reste``) en flux, enregistrement
                # par enregistrement ; ses numéros partent de ``suivant``
                def rangee_invalide(rangee: Any, base: int = suivant) -> str:
                    numero = rangee.number + base - 1 if rangee.number is not None else -1
                    invalides[numero] = rangee.text
                    return "skip"

                transcodeur.rattraper()
                suite = io.BufferedReader(_Enchaine(reste, flux), 1 << 20)
                lecteur = pcsv.open_csv(
                    suite,
                    read_options=pcsv.ReadOptions(use_threads=False, block_size=taille_bloc,
                                                  column_names=internes),
                    parse_options=pcsv.ParseOptions(delimiter=sep, newlines_in_values=True,
                                                    ignore_empty_lines=False,
                                                    invalid_row_handler=rangee_invalide),
                    convert_options=conversion)
                for lot in _iterer(lecteur):
                    transcodeur.consommer(taille_bloc)  # un lot rendu ≈ un bloc lu
                    etat.guillemets = True
                    etat.illisibles = transcodeur.illisibles
                    yield _lot_csv(pa.Table.from_batches([lot]), entete, encodage, invalides,
                                   etat)
            vide = pa.table({n: pa.array([], t) for n, t in types.items()})
            yield _lot_csv(vide, entete, encodage, invalides, etat, fin=True)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            transcodeur.liberer()
            brut.close()

    total = None
    fin_de_ligne = b"\r" if cr_seul else b"\n"
    if source.chemin is not None and source.chemin.stat().st_size <= 64 << 20:
        total = max(0, source.chemin.read_bytes().count(fin_de_ligne) - 1)
    elif source.contenu is not None:
        total = max(0, source.contenu.count(fin_de_ligne) - 1)
    del impose
    return Lecture(entete, lots, separateur=sep, encodage=encodage, total=total,
                   codees=frozenset(c for c in entete.canoniques if _a_coder(c)))


class _Enchaine(io.RawIOBase):
    """Des octets déjà lus, puis la suite d'un flux."""

    def __init__(self, debut: bytes, suite: IO[bytes]):
        self._debut = memoryview(debut)
        self._suite = suite

    def readable(self) -> bool:
        return True

    def readinto(self, tampon: Any) -> int:
        if self._debut.nbytes:
            n = min(len(tampon), self._debut.nbytes)
            tampon[:n] = self._debut[:n]
            self._debut = self._debut[n:]
            return n
        morceau = self._suite.read(len(tampon))
        tampon[:len(morceau)] = morceau
        return len(morceau)


def fils_lecture_csv() -> int:
    """Fils qui analysent en parallèle les blocs d'un CSV sans guillemets : les cœurs que
    laissent le repérage et l'écriture (un chacun), au moins un, au plus quatre. Sur deux
    cœurs, un second fil d'analyse ne fait que disputer le processeur au repérage (mesuré :
    ≈ 1 s de plus sur 1 M, docs/benchmarks.md)."""
    try:
        coeurs = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover — hors Linux
        coeurs = os.cpu_count() or 1
    return max(1, min(4, coeurs - 2))


def _iterer(lecteur: Any) -> Iterator[pa.RecordBatch]:
    while True:
        try:
            lot = lecteur.read_next_batch()
        except StopIteration:
            return
        except pa.ArrowInvalid as e:
            raise ErreurSaisie([f"(fichier) : CSV illisible ({str(e)[:200]})"]) from None
        yield lot


@dataclass
class _NumerosCsv:
    """Suit la correspondance enregistrement CSV → ligne du fichier."""

    nb_colonnes: int
    sep: str
    prochain: int = 2  # numéro d'enregistrement (l'en-tête est le 1)
    decalage: int = 0  # retours à la ligne dans les valeurs des enregistrements précédents
    guillemets: bool = True  # le fichier lu jusqu'ici a des guillemets (sinon : pas de saut
    illisibles: bool = True  # de ligne dans une valeur) ; des octets illisibles


def _lot_csv(table: pa.Table, entete: Entete, encodage: str, invalides: dict[int, str],
             etat: _NumerosCsv, fin: bool = False) -> LotLu:
    k = table.num_rows
    # Numéros d'enregistrement des lignes valides : à la suite, en sautant les invalides
    # (le gestionnaire des rangées invalides les a notés pendant l'analyse du bloc).
    debut = etat.prochain
    inv = sorted(x for x in invalides if x >= debut)
    numeros = (np.arange(debut, debut + k) if k and not inv else
               np.setdiff1d(np.arange(debut, debut + k + len(inv)), inv)[:k] if k
               else np.zeros(0, dtype=np.int64))
    if fin:
        sautes = inv
    else:
        sautes = [x for x in inv if k and x < numeros[-1]]
    # Colonnes : décodage des dictionnaires, retours à la ligne dans les valeurs.
    colonnes, illisibles = [], {}
    retours = np.zeros(k, dtype=np.int64)
    for nom_interne, canonique in zip(table.column_names, entete.canoniques, strict=True):
        colonne = table.column(nom_interne)
        colonne = (colonne.chunk(0) if colonne.num_chunks == 1 else
                   colonne.combine_chunks() if colonne.num_chunks else
                   pa.array([], colonne.type))
        if k and etat.illisibles:
            fautes = pc.fill_null(par_valeur(colonne, lambda v: pc.match_substring(
                v, ILLISIBLE)), False)
            if pc.any(fautes).as_py():
                illisibles[canonique] = fautes.to_numpy(zero_copy_only=False)
        if k and etat.guillemets:
            nl = par_valeur(colonne, lambda v: pc.count_substring(v, "\n"))
            if pc.max(nl).as_py():
                retours += pc.fill_null(nl, 0).to_numpy(zero_copy_only=False)
        colonnes.append(colonne)
    donnees = pa.RecordBatch.from_arrays(colonnes, names=list(entete.canoniques))
    # Lignes du fichier : numéro d'enregistrement + retours à la ligne des enregistrements
    # précédents (valides ou non).
    lignes = np.empty(k, dtype=np.int64)
    rejets: list[Rejet] = []
    extra_invalides = {s: invalides[s].count("\n") for s in sautes}
    decalage = etat.decalage
    j = 0
    for s in sautes + [None]:
        jusqu_a = k if s is None else int(np.searchsorted(numeros, s))
        if jusqu_a > j:
            cumul = np.concatenate([[0], np.cumsum(retours[j:jusqu_a])])
            lignes[j:jusqu_a] = numeros[j:jusqu_a] + decalage + cumul[:-1]
            decalage += int(cumul[-1])
            j = jusqu_a
        if s is None:
            break
        premiere = s + decalage
        n_lignes = extra_invalides[s] + 1
        texte = invalides.pop(s)
        if n_lignes == 1:
            vus = len(next(csv.reader([texte], delimiter=etat.sep), []))
            message = (f"{vus} valeurs au lieu de {etat.nb_colonnes} (une valeur qui contient "
                       f"« {etat.sep} » doit être entre guillemets)")
            rejets.append(Rejet(premiere, None, "(ligne)", message))
        else:
            for x in range(premiere, premiere + n_lignes):
                rejets.append(Rejet(x, None, "(ligne)",
                                    f"illisible : un guillemet ouvert ligne {premiere} n'est "
                                    f"fermé que ligne {premiere + n_lignes - 1} (ces "
                                    f"{n_lignes} lignes ne forment qu'une cellule)"))
        decalage += extra_invalides[s]
    etat.decalage = decalage
    etat.prochain = max(int(numeros[-1]) + 1 if k else debut,
                        max(sautes) + 1 if sautes else debut)
    lot = LotLu(donnees, lignes, rejets, [], illisibles or None)
    # Une valeur de champ sur plusieurs lignes : un guillemet non fermé l'a sans doute
    # produite ; la ligne est refusée pour chacune des lignes qu'elle couvre.
    if retours.any():
        lot = _refuser_multilignes(lot, retours, entete)
    return lot


def _refuser_multilignes(lot: LotLu, retours: np.ndarray, entete: Entete) -> LotLu:
    champs = [c for c in entete.canoniques if c in CHAMPS_COLONNES]
    suspect = np.zeros(lot.donnees.num_rows, dtype=bool)
    for c in champs:
        nl = pc.fill_null(par_valeur(lot.donnees.column(c),
                                     lambda v: pc.count_substring(v, "\n")), 0)
        suspect |= nl.to_numpy(zero_copy_only=False) > 0
    if not suspect.any():
        return lot
    for i in np.flatnonzero(suspect):
        premiere, n = int(lot.lignes[i]), int(retours[i]) + 1
        for x in range(premiere, premiere + n):
            lot.rejets.append(Rejet(x, None, "(ligne)",
                                    f"illisible : une valeur entre guillemets s'étend des lignes "
                                    f"{premiere} à {premiere + n - 1} (guillemet non fermé ?)"))
    garde = pa.array(~suspect)
    illisibles = ({k: v[~suspect] for k, v in lot.illisibles.items()}
                  if lot.illisibles else None)
    lot.rejets.sort(key=lambda r: r.ligne)
    return LotLu(lot.donnees.filter(garde), lot.lignes[~suspect], lot.rejets, lot.vides,
                 illisibles)


# --- Parquet ------------------------------------------------------------------------------------


def en_texte(colonne: pa.Array) -> pa.Array:
    """Une colonne typée (Parquet) en texte, comme l'écrirait un tableur : booléens
    ``true``/``false``, nombres, listes jointes par « ; »."""
    t = colonne.type
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return colonne
    if pa.types.is_dictionary(t):
        return pa.DictionaryArray.from_arrays(colonne.indices, en_texte(colonne.dictionary))
    if pa.types.is_boolean(t):
        return pc.if_else(colonne, "true", "false")
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        elements = pa.array([None if v is None else [_cellule_excel(x) or "" for x in v]
                             for v in colonne.to_pylist()], pa.list_(pa.string()))
        return pc.binary_join(elements, ";")
    if pa.types.is_floating(t):
        entiers = pc.fill_null(pc.equal(pc.floor(colonne), colonne), True)
        if pc.all(entiers).as_py():
            return pc.cast(pc.cast(colonne, pa.int64(), safe=False), pa.string())
    try:
        return pc.cast(colonne, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array([None if v is None else str(v) for v in colonne.to_pylist()],
                        pa.string())


def _lire_parquet(source: Source, taille: int) -> Lecture:
    import pyarrow.parquet as pq

    def ouvrir(**options: Any) -> Any:
        return pq.ParquetFile(source.chemin if source.chemin else io.BytesIO(source.contenu),
                              **options)

    try:
        fichier = ouvrir()
        noms = fichier.schema_arrow.names
    except Exception as e:  # noqa: BLE001 — tout fichier illisible donne le même message
        raise ErreurSaisie([f"(fichier) : Parquet illisible ({type(e).__name__})"]) from None
    entete = _entete(noms)
    # Colonnes de texte des champs lues codées par dictionnaire (Parquet les range déjà
    # ainsi : aucune chaîne n'est recopiée ligne à ligne).
    codees = [n for n, c, t in zip(noms, entete.canoniques, fichier.schema_arrow.types,
                                    strict=True)
              if _a_coder(c) and (pa.types.is_string(t) or pa.types.is_large_string(t))]
    if codees:
        try:
            fichier = ouvrir(read_dictionary=codees)
        except Exception as e:  # noqa: BLE001
            raise ErreurSaisie([f"(fichier) : Parquet illisible ({type(e).__name__})"]) \
                from None

    def lot_lu(morceaux: list[pa.RecordBatch], debut: int) -> LotLu:
        # plusieurs morceaux (petits groupes de lignes, chacun ses dictionnaires) : réunis
        table = pa.Table.from_batches(morceaux)
        if len(morceaux) > 1:
            table = table.unify_dictionaries().combine_chunks()
        colonnes = [en_texte(c.chunk(0)) for c in table.columns]
        donnees = pa.RecordBatch.from_arrays(colonnes, names=list(entete.canoniques))
        return LotLu(donnees, np.arange(debut, debut + table.num_rows))

    def lots() -> Iterator[LotLu]:
        # Des lots d'au plus ``taille`` lignes pris dans les groupes de lignes du fichier
        # (un groupe a ses dictionnaires : un lot pris dans un seul groupe les garde tels
        # quels) ; de petits groupes consécutifs sont réunis jusqu'à la moitié de ``taille``.
        debut = 2
        attente: list[pa.RecordBatch] = []
        nombre = 0
        morceaux = (lot for groupe in range(fichier.num_row_groups)
                    for lot in fichier.iter_batches(batch_size=taille, row_groups=[groupe]))
        for lot in morceaux:
            if not lot.num_rows:
                continue
            attente.append(lot)
            nombre += lot.num_rows
            if nombre >= max(1, taille // 2):
                yield lot_lu(attente, debut)
                debut += nombre
                attente, nombre = [], 0
        if nombre:
            yield lot_lu(attente, debut)

    canoniques = dict(zip(noms, entete.canoniques, strict=True))
    return Lecture(entete, lots, total=fichier.metadata.num_rows,
                   codees=frozenset(canoniques[n] for n in codees))


# --- JSON Lines ---------------------------------------------------------------------------------


def _cle_json(cle: str) -> str | None:
    trouve = ENTETES_PLIES.get(plier(cle))
    return trouve if isinstance(trouve, str) else None


def _aplatir(objet: dict[str, Any], prefixe: str = "") -> dict[str, Any]:
    plat: dict[str, Any] = {}
    for cle, valeur in objet.items():
        chemin = f"{prefixe}{cle}"
        if isinstance(valeur, dict) and valeur:
            plat.update(_aplatir(valeur, chemin + "."))
        else:
            plat[chemin] = valeur
    return plat


def _texte_json(valeur: Any) -> str | None:
    if valeur is None:
        return None
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, list):
        return ";".join("" if v is None else _texte_json(v) or "" for v in valeur)
    if isinstance(valeur, dict):
        return json.dumps(valeur, ensure_ascii=False)
    return str(valeur)


def _objet_json(texte: str) -> Any:
    """Un objet JSON : clés en double refusées (la lecture sûre partagée
    ``situation.lecture`` quand elle est là)."""
    try:
        from orientation.situation.lecture import lire_json  # type: ignore[attr-defined]
    except ImportError:  # tant que la lecture sûre partagée n'est pas dans main
        def paires(p: list[tuple[str, Any]]) -> dict[str, Any]:
            objet = dict(p)
            if len(objet) != len(p):
                raise ErreurSaisie(["(ligne) : clé en double dans le même objet"])
            return objet

        try:
            return json.loads(texte, object_pairs_hook=paires)
        except json.JSONDecodeError as e:
            raise ErreurSaisie([f"(ligne) : JSON invalide, colonne {e.colno}"]) from None
        except RecursionError:
            raise ErreurSaisie(["(ligne) : JSON trop imbriqué"]) from None
    return lire_json(texte, source="(ligne)")


def _lignes_universelles(flux: IO[bytes]) -> Iterator[bytes]:
    """Les lignes d'un fichier, finies par LF, CRLF ou CR seul (comme ``str.splitlines`` et
    les éditeurs les comptent) ; un CR seul ne peut être que hors d'une valeur JSON, où il
    serait échappé."""
    for brut in flux:
        corps = brut[:-1] if brut.endswith(b"\n") else brut
        corps = corps[:-1] if corps.endswith(b"\r") else corps
        if b"\r" in corps:
            yield from corps.split(b"\r")
        else:
            yield brut


def _lire_jsonl(source: Source, taille: int) -> Lecture:
    entete = Entete(tuple(COLONNES), tuple(COLONNES), ())

    def lots() -> Iterator[LotLu]:
        enregistrements: list[dict[str, Any]] = []
        lignes: list[int] = []
        rejets: list[Rejet] = []
        vides: list[int] = []

        def lot() -> LotLu:
            donnees = pa.RecordBatch.from_pydict(
                {c: pa.array([e.get(c) for e in enregistrements], pa.string())
                 for c in COLONNES})
            return LotLu(donnees, np.array(lignes, dtype=np.int64), list(rejets), list(vides))

        with source.ouvrir() as f:
            for numero, brut in enumerate(_lignes_universelles(f), start=1):
                if not brut.strip():
                    vides.append(numero)
                    continue
                try:
                    objet = _objet_json(brut.decode("utf-8").removeprefix("\ufeff"))
                    if not isinstance(objet, dict):
                        raise ErreurSaisie(["(ligne) : un objet JSON est attendu, par exemple "
                                            "{\"age\": 80}"])
                except UnicodeDecodeError:
                    rejets.append(Rejet(numero, None, "(ligne)", "texte illisible : la ligne "
                                                                 "n'est pas en UTF-8"))
                    continue
                except ErreurSaisie as e:
                    champ, _, message = e.messages[0].partition(" : ")
                    rejets.append(Rejet(numero, None, champ, message[:300]))
                    continue
                plat, fautes = {}, []
                for cle, valeur in _aplatir(objet).items():
                    canon = _cle_json(cle)
                    if canon is None:
                        fautes.append(Rejet(numero, None, cle[:80], "champ inconnu (vérifiez "
                                            "l'orthographe : aucun champ n'est ignoré)"))
                    else:
                        plat[canon] = _texte_json(valeur)
                if fautes:
                    rejets.extend(fautes)
                    continue
                enregistrements.append(plat)
                lignes.append(numero)
                if len(enregistrements) >= taille:
                    yield lot()
                    enregistrements, lignes, rejets, vides = [], [], [], []
        if enregistrements or rejets or vides:
            yield lot()

    total = None
    if source.contenu is not None:
        total = source.contenu.count(b"\n")
    return Lecture(entete, lots, total=total, echo=(COLONNE_ID,))


# --- Excel --------------------------------------------------------------------------------------


def _examiner_classeur(flux: IO[bytes], limites: LimitesExcel) -> None:
    """Refuse un classeur piégé avant de le décompresser : taille décompressée annoncée
    (le module zipfile n'en lit jamais plus), puis, en flux, la plus longue suite de
    caractères entre deux balises de chaque partie XML."""
    try:
        archive = zipfile.ZipFile(flux)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ErreurSaisie(["(fichier) : classeur Excel illisible (ce n'est pas un .xlsx)"]) \
            from None
    with archive:
        parties = archive.infolist()
        total = sum(p.file_size for p in parties)
        if total > limites.decompresse:
            raise ErreurSaisie([f"(fichier) : classeur trop volumineux une fois décompressé "
                                f"({nombre_fr(total)} octets ; {nombre_fr(limites.decompresse)} "
                                "au plus) : enregistrez-le en CSV"])
        long_ = re.compile(rb"[^<>]{%d,}" % (limites.cellule + 1))
        for p in parties:
            if not p.filename.endswith(".xml"):
                continue
            with archive.open(p) as partie:
                reste = b""
                while morceau := partie.read(1 << 20):
                    bloc = reste + morceau
                    if long_.search(bloc):
                        raise ErreurSaisie([
                            f"(fichier) : une cellule du classeur dépasse "
                            f"{nombre_fr(limites.cellule)} caractères ({p.filename}) : "
                            "classeur refusé"])
                    coupure = max(bloc.rfind(b"<"), bloc.rfind(b">"))
                    reste = bloc[coupure + 1:] if coupure >= 0 else bloc


def _cellule_excel(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isfinite(v) and v.is_integer():
            return str(int(v))
        return repr(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    texte = str(v)
    return texte


def _lire_excel(source: Source, taille: int, limites: LimitesExcel) -> Lecture:
    from openpyxl import load_workbook

    contenu = source.contenu if source.contenu is not None else None
    with source.ouvrir() as f:
        _examiner_classeur(f, limites)
    try:
        classeur = load_workbook(io.BytesIO(contenu) if contenu is not None else source.chemin,
                                 read_only=True, data_only=True)
        feuille = classeur.worksheets[0]
        rangees = feuille.iter_rows(values_only=True)
        entete_brut = next(rangees, ())
    except ErreurSaisie:
        raise
    except Exception as e:  # noqa: BLE001 — fichier abîmé : même message
        raise ErreurSaisie([f"(fichier) : classeur Excel illisible ({type(e).__name__})"]) \
            from None
    entete_brut = list(entete_brut)
    while entete_brut and entete_brut[-1] is None:
        entete_brut.pop()
    if len(entete_brut) > limites.colonnes:
        classeur.close()
        raise ErreurSaisie([f"(fichier) : {nombre_fr(len(entete_brut))} colonnes ; "
                            f"{nombre_fr(limites.colonnes)} au plus"])
    try:
        entete = _entete(["" if n is None else str(n) for n in entete_brut])
    except ErreurSaisie:
        classeur.close()
        raise
    largeur = len(entete_brut)

    def lots() -> Iterator[LotLu]:
        try:
            paquet: list[list[str | None]] = [[] for _ in range(largeur)]
            lignes: list[int] = []
            numero = 1
            for rangee in rangees:
                numero += 1
                if numero > limites.lignes:
                    raise ErreurSaisie([f"(fichier) : plus de {nombre_fr(limites.lignes - 1)} "
                                        "lignes de données, limite d'une feuille Excel"])
                for j in range(largeur):
                    paquet[j].append(_cellule_excel(rangee[j]) if j < len(rangee) else None)
                lignes.append(numero)
                if len(lignes) >= taille:
                    yield _lot_excel(paquet, lignes, entete)
                    paquet, lignes = [[] for _ in range(largeur)], []
            if lignes:
                yield _lot_excel(paquet, lignes, entete)
        finally:
            classeur.close()

    return Lecture(entete, lots)


def _lot_excel(paquet: list[list[str | None]], lignes: list[int], entete: Entete) -> LotLu:
    donnees = pa.RecordBatch.from_arrays([pa.array(c, pa.string()) for c in paquet],
                                         names=list(entete.canoniques))
    return LotLu(donnees, np.array(lignes, dtype=np.int64))


# --- Écriture -----------------------------------------------------------------------------------


DIALECTES = ("standard", "excel-fr")
_DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")
_FORMULE = "^[" + "".join({"-": "\\-", "\t": "\\t", "\r": "\\r"}.get(c, c)
                          for c in _DEBUTS_DE_FORMULE) + "]"  # les mêmes, en RE2
_PETIT_DICTIONNAIRE = 256  # valeurs distinctes examinées en Python plutôt que par Arrow


def neutraliser(colonne: pa.Array) -> pa.Array:
    """Cellules qui commencent par = + - @, tabulation ou retour chariot : préfixées d'une
    apostrophe (OWASP, injection de formules dans les tableurs)."""
    if pa.types.is_dictionary(colonne.type):
        valeurs = colonne.dictionary
        if len(valeurs) <= _PETIT_DICTIONNAIRE and (
                pa.types.is_string(valeurs.type) or pa.types.is_large_string(valeurs.type)) \
                and not any(v and v[0] in _DEBUTS_DE_FORMULE for v in valeurs.to_pylist()):
            return colonne  # le cas courant, sans expression régulière (compilée à chaque fois)
        return pa.DictionaryArray.from_arrays(colonne.indices, neutraliser(valeurs))
    if not (pa.types.is_string(colonne.type) or pa.types.is_large_string(colonne.type)):
        return colonne
    if not _contient_un_de(colonne, _DEBUTS_DE_FORMULE):
        return colonne  # aucun de ces caractères nulle part : aucune cellule ne commence par
    masque = pc.fill_null(pc.match_substring_regex(colonne, _FORMULE), False)
    if not pc.any(masque).as_py():
        return colonne
    return pc.if_else(masque, pc.binary_join_element_wise("'", colonne, ""), colonne)


GUILLEMETS = b"orientation.guillemets"  # métadonnée d'un lot mis en forme pour CSV


def guillemets_necessaires(colonne: pa.Array, sep: str) -> bool:
    """Une cellule de la colonne (une valeur distincte, si elle est codée) contient le
    séparateur, un guillemet ou une fin de ligne : en CSV, elle doit être entre guillemets."""
    if pa.types.is_dictionary(colonne.type):
        colonne = colonne.dictionary
    if not (pa.types.is_string(colonne.type) or pa.types.is_large_string(colonne.type)):
        return False
    speciaux = (sep, '"', "\r", "\n")
    if len(colonne) <= _PETIT_DICTIONNAIRE:
        return any(v and any(x in v for x in speciaux) for v in colonne.to_pylist())
    return _contient_un_de(colonne, speciaux)


def _contient_un_de(colonne: pa.Array, caracteres: Sequence[str]) -> bool:
    """Un de ces caractères (ASCII) figure dans le texte d'une colonne : une recherche dans
    ses octets (le tampon entier — au pis, un « oui » de trop, jamais un « non »)."""
    tampon = colonne.buffers()[2]
    if tampon is None:
        return False
    octets = tampon.to_pybytes()
    return any(c.encode() in octets for c in caracteres)


def neutraliser_texte(texte: str) -> str:
    return "'" + texte if texte[:1] in _DEBUTS_DE_FORMULE else texte


@dataclass(frozen=True)
class Presentation:
    """Comment écrire les résultats : dialecte CSV, libellés français ou identifiants."""

    dialecte: str = "standard"
    libelles: bool = False

    @property
    def separateur(self) -> str:
        return ";" if self.dialecte == "excel-fr" else ","

    @property
    def bom(self) -> bool:
        return self.dialecte == "excel-fr"


def conformer(lot: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """Un lot aux types d'un schéma (texte ↔ texte codé par dictionnaire : mêmes valeurs)."""
    colonnes = []
    for colonne, champ in zip(lot.columns, schema, strict=True):
        if colonne.type != champ.type:
            if pa.types.is_dictionary(colonne.type):
                colonne = colonne.dictionary.take(colonne.indices)
            if pa.types.is_dictionary(champ.type):
                colonne = pc.dictionary_encode(colonne)
            colonne = colonne.cast(champ.type)
        colonnes.append(colonne)
    return pa.RecordBatch.from_arrays(colonnes, schema=schema)


class Ecrivain:
    """Écrit les lots de sortie (colonnes d'entrée recopiées, puis résultats) dans un flux
    binaire, au format demandé ; ``fermer`` termine le fichier."""

    def __init__(self, flux: IO[bytes], format_: str, presentation: Presentation,
                 mise_en_forme: Callable[[pa.RecordBatch, bool], pa.RecordBatch],
                 statistiques: Sequence[str] | None = None):
        self.flux = flux
        self.statistiques = statistiques
        self.format = format_
        self.presentation = presentation
        self.mettre_en_forme = mise_en_forme
        self._premier = True
        self._parquet: Any = None
        self._excel: Any = None
        self.lignes = 0

    def ecrire(self, lot: pa.RecordBatch) -> None:
        if self.format in (".csv", ".xlsx"):
            lot = self.mettre_en_forme(lot, True)
        else:
            lot = self.mettre_en_forme(lot, False)
        if self.format == ".csv":
            self._ecrire_csv(lot)
        elif self.format == ".jsonl":
            import polars as pl

            if lot.num_rows:
                pl.from_arrow(lot).write_ndjson(self.flux)
        elif self.format == ".parquet":
            import pyarrow.parquet as pq

            if self._parquet is None:
                # Les colonnes de texte arrivent codées par dictionnaire : Parquet écrit le
                # dictionnaire de chaque lot tel quel (sans rehacher chaque cellule). Le
                # schéma Arrow n'est pas rangé dans le fichier : un lecteur y lit les types
                # Parquet (texte, booléen, entier, décimal), pas les dictionnaires du lot.
                self._parquet = pq.ParquetWriter(
                    self.flux, lot.schema, store_schema=False,
                    write_statistics=(list(self.statistiques) if self.statistiques is not None
                                      else True))
                self._schema_parquet = lot.schema
            elif lot.schema != self._schema_parquet:
                lot = conformer(lot, self._schema_parquet)
            self._parquet.write_batch(lot)
        else:
            from orientation.tables.excel import ClasseurEnFlux

            if self._excel is None:
                self._excel = ClasseurEnFlux(self.flux)
                self._excel.feuille("resultats", lot.schema.names, lot)
            if self.lignes + lot.num_rows >= LIGNES_MAX_EXCEL:
                raise ErreurSaisie([f"(sortie) : plus de {nombre_fr(LIGNES_MAX_EXCEL - 1)} "
                                    "lignes, limite d'une feuille Excel : choisissez .csv ou "
                                    ".parquet"])
            self._excel.ajouter(lot)
        self.lignes += lot.num_rows
        self._premier = False

    def _ecrire_csv(self, lot: pa.RecordBatch) -> None:
        import pyarrow.csv as pcsv

        sep = self.presentation.separateur
        if self._premier:
            if self.presentation.bom:
                self.flux.write(codecs.BOM_UTF8)
            ecrivain = io.StringIO()
            csv.writer(ecrivain, delimiter=sep, lineterminator="\n").writerow(
                [neutraliser_texte(n) for n in lot.schema.names])
            self.flux.write(ecrivain.getvalue().encode("utf-8"))
        if lot.num_rows:  # pyarrow : le plus rapide mesuré (docs/benchmarks.md)
            # sans guillemets si aucune cellule n'en demande (la mise en forme l'a vérifié ;
            # pyarrow refuserait sinon d'écrire) ; avec, pyarrow les met à tout texte
            guillemets = (lot.schema.metadata or {}).get(GUILLEMETS) != b"non"
            pcsv.write_csv(lot, self.flux, pcsv.WriteOptions(
                include_header=False, delimiter=sep,
                quoting_style="needed" if guillemets else "none"))

    def fermer(self, vide: pa.RecordBatch, rejets: Sequence[Rejet] = ()) -> None:
        if self._premier:
            self.ecrire(vide)
        if self._parquet is not None:
            self._parquet.close()
        if self._excel is not None:
            if rejets:
                self._excel.feuille_rejets(rejets, self.presentation)
            self._excel.fermer()


# --- Fichiers écrits de façon atomique -----------------------------------------------------------


class FichierAtomique:
    """Un fichier de sortie écrit à côté de sa cible sous un nom caché (``.NOM.en-cours-…``)
    puis renommé d'un coup (``valider``) ; ``abandonner`` l'efface. Une sortie interrompue ne
    laisse donc jamais de fichier qui a l'air complet."""

    def __init__(self, cible: Path):
        self.cible = cible
        if cible.exists() and not cible.is_file():
            raise OSError(f"« {cible} » n'est pas un fichier ordinaire")
        if not cible.parent.is_dir():
            raise FileNotFoundError(f"le dossier « {cible.parent} » n'existe pas")
        descripteur, nom = tempfile.mkstemp(prefix=f".{cible.name}.en-cours-", dir=cible.parent)
        self.temporaire = Path(nom)
        self.flux: IO[bytes] = os.fdopen(descripteur, "wb")

    def valider(self) -> None:
        self.flux.flush()
        os.fsync(self.flux.fileno())
        self.flux.close()
        masque = os.umask(0o077)
        os.umask(masque)
        os.chmod(self.temporaire, 0o666 & ~masque)  # les droits qu'aurait donnés open()
        os.replace(self.temporaire, self.cible)

    def abandonner(self) -> None:
        try:
            self.flux.close()
        except OSError:
            pass
        self.temporaire.unlink(missing_ok=True)


def meme_fichier(a: Path, b: Path) -> bool:
    """Deux chemins désignent-ils le même fichier (liens physiques et symboliques compris) ?"""
    try:
        sa, sb = a.stat(), b.stat()
    except OSError:
        return a.resolve() == b.resolve()
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def chemin_des_rejets(sortie: str | Path) -> Path:
    sortie = Path(sortie)
    return sortie.with_name(sortie.stem + ".rejets.csv")


def ecrire_rejets_csv(flux: IO[bytes], rejets: Sequence[Rejet], presentation: Presentation,
                      entete: bool) -> None:
    texte = io.StringIO()
    w = csv.writer(texte, delimiter=presentation.separateur, lineterminator="\n")
    if entete:
        if presentation.bom:
            flux.write(codecs.BOM_UTF8)
        w.writerow(["ligne", "id", "champ", "message"])
    for r in rejets:
        w.writerow([r.ligne, neutraliser_texte(r.id or ""), neutraliser_texte(r.champ),
                    neutraliser_texte(r.message)])
    flux.write(texte.getvalue().encode("utf-8"))
