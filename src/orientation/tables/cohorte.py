"""Repérer une cohorte : un lot Arrow de lignes à la fois, vite, sans rien perdre.

Le cœur est ``ReperageCohorte.reperer_lot`` : **un RecordBatch Arrow en entrée → (résultats,
rejets), deux RecordBatch**. C'est lui que ``orientation batch``, la page Scénarios (par
``tables.lot``) et, plus tard, Spark (``mapInArrow``) appellent ; il ne lit ni n'écrit aucun
fichier.

Chemin, exact par construction :

1. la situation se décompose en **unités indépendantes** : chaque colonne, sauf les
   questionnaires (toutes les colonnes d'AGGIR avec ``autonomie.gir``, celles du GFST, celles
   d'EPICES) et les champs qu'un validateur lit ensemble (``modele.CHAMPS_LIES`` : chutes en
   6 et en 12 mois), qui forment chacun une unité. La validité d'une ligne est celle de
   chacune de ses unités, et chaque clé du fait ne dépend que d'une unité ;
2. chaque colonne est **codée par dictionnaire** (Arrow : les indices sont les codes, le
   dictionnaire les valeurs distinctes) ; pour chaque valeur distincte d'une unité, on appelle
   le chemin exact — ``colonnes.convertir_ligne`` (mêmes conversions), la validation pydantic
   des sous-modèles de l'unité, puis ``faits.construire_fait`` sur leurs sections (mêmes
   instruments) — et l'on garde ce que cette unité change au fait d'une situation neutre
   (mémoire bornée, gardée d'un lot à l'autre) ;
3. le fait de chaque ligne est reconstitué colonne par colonne (une indexation numpy par
   clé), et le référentiel compilé en expressions numpy (``EvaluateurVectoriel``) est évalué
   sur tout le lot d'un coup ;
4. les colonnes de sortie ne dépendent que de l'ensemble des règles tirées : ce que chaque
   règle met dans chaque colonne, et l'ordre de sortie, viennent de l'agrégat commun à
   ``screen()`` (``resultat.assemblage.reunir``, appelé à la construction) ; chaque colonne
   est bâtie **une fois par motif distinct** de règles tirées, en colonne Arrow codée par
   dictionnaire dont les indices sont les motifs.

Toute ligne dont une unité est invalide passe par le chemin exact ligne à ligne : ses
messages sont ceux de ``orientation screen``. Un test différentiel compare le tout à
``screen()`` (durable_rules) sur 20 000 patients où chaque règle tire.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ValidationError
from threadpoolctl import ThreadpoolController

from orientation.evaluation.vectoriel import EvaluateurVectoriel
from orientation.referentiel import Referentiel
from orientation.resultat.assemblage import reunir
from orientation.situation.erreurs import ErreurSaisie
from orientation.situation.faits import CHAMPS, construire_fait
from orientation.situation.modele import CHAMPS_LIES, Situation
from orientation.tables.colonnes import (
    CHAMPS_COLONNES,
    COLONNE_ID,
    COLONNES_LISTES,
    COLONNES_REJETS,
    COLONNES_RESULTATS,
    GROUPES,
    SEPARATEUR_LISTE,
    Rejet,
    conclusions_vers_ligne,
    convertir_ligne,
    est_vide,
    ligne_vers_situation,
    rejets_depuis_erreur,
)

_ABSENT = object()
_UN_SEUL_FIL_BLAS = ThreadpoolController()
_VIDE: dict[str, Any] = {}  # le changement d'une unité invalide (lignes écartées)
TAILLE_MAX_CACHE = 50_000
SCORES_FAIT = [c for c in COLONNES_RESULTATS if c.startswith("scores.")]
MESSAGE_ENCODAGE = ("texte illisible dans l'encodage du fichier (ré-enregistrez-le en UTF-8, "
                    "ou relancez avec --encodage cp1252)")
MESSAGES_PAR_LIGNE = 20
_CONTROLE = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"
_CONTROLE_RE = re.compile(_CONTROLE)


def _unites() -> list[tuple[str, ...]]:
    """Les unités : un questionnaire (toutes ses colonnes), un groupe de champs qu'un
    validateur lit ensemble (``modele.CHAMPS_LIES``), sinon une colonne seule."""
    colonnes_de = {c: (c,) for c in CHAMPS_COLONNES if c not in
                   {x for cols in GROUPES.values() for x in cols}}
    colonnes_de.update(GROUPES)
    unites: list[tuple[str, ...]] = []
    liees = {x: lies for lies in CHAMPS_LIES for x in lies}
    vus: set[str] = set()
    for nom in colonnes_de:
        if nom in vus:
            continue
        groupe = liees.get(nom, (nom,))
        vus.update(groupe)
        unites.append(tuple(c for g in groupe for c in colonnes_de[g]))
    return unites


UNITES: list[tuple[str, ...]] = _unites()


def _type_cle(k: str) -> str:
    champ = CHAMPS.get(k)
    return champ.type if champ else "booleen"


_NP = {"booleen": bool, "entier": np.int64, "decimal": np.float64}
_NEUTRE = {"booleen": False, "entier": 0, "decimal": 0.0}
_ARROW = {"booleen": pa.bool_(), "entier": pa.int64(), "decimal": pa.float64()}


def _tableau(valeurs: list[Any], genre: str) -> np.ndarray:
    """Les valeurs d'une clé du fait en tableau numpy : booléens et nombres typés ; textes en
    chaînes numpy (comparées en C, sans objet Python par ligne) s'ils sont tous des textes."""
    if genre in _NP:
        return np.array(valeurs, dtype=_NP[genre])
    if valeurs and all(type(v) is str for v in valeurs):
        return np.array(valeurs, dtype=np.str_)
    return np.array(valeurs, dtype=object)


class TexteCode:
    """La colonne d'une clé textuelle du fait (valeur d'un vocabulaire fermé) : ses valeurs
    distinctes et le code de chaque ligne. Les comparaisons des règles (``==``, ``!=``, d'où
    ``parmi`` et ``hors_de``) se font sur les valeurs distinctes, puis s'étendent aux lignes
    par les codes : aucun texte n'est recopié ni comparé ligne à ligne."""

    __slots__ = ("codes", "valeurs")
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, valeurs: np.ndarray, codes: np.ndarray):
        self.valeurs = valeurs
        self.codes = codes

    def __eq__(self, autre: Any) -> np.ndarray:  # type: ignore[override]
        return np.asarray(self.valeurs == autre, dtype=bool)[self.codes]

    def __ne__(self, autre: Any) -> np.ndarray:  # type: ignore[override]
        return np.asarray(self.valeurs != autre, dtype=bool)[self.codes]

    def __getitem__(self, lignes: Any) -> TexteCode:
        return TexteCode(self.valeurs, self.codes[lignes])

    def __len__(self) -> int:
        return len(self.codes)

    def en_arrow(self, absent: np.ndarray) -> pa.DictionaryArray:
        """En colonne Arrow codée par dictionnaire ; nulle là où ``absent``."""
        return pa.DictionaryArray.from_arrays(
            pa.array(self.codes.astype(np.int32), mask=absent),
            pa.array(self.valeurs.tolist(), pa.string()))


def _colonne_cle(valeurs: list[Any], genre: str, codes: np.ndarray) -> np.ndarray | TexteCode:
    """La colonne d'une clé du fait, ses ``valeurs`` distinctes prises aux ``codes`` des
    lignes : un tableau numpy, ou des textes codés (``TexteCode``)."""
    tableau = _tableau(valeurs, genre)
    if tableau.dtype.kind == "U":
        return TexteCode(tableau, codes)
    return tableau[codes]


def codes_dictionnaire(colonne: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, list[Any]]:
    """Les codes (un par ligne) et les valeurs distinctes d'une colonne ; une cellule nulle
    a le code ``len(valeurs)`` (sa valeur : ``None``)."""
    if isinstance(colonne, pa.ChunkedArray):
        colonne = colonne.combine_chunks()
    if not pa.types.is_dictionary(colonne.type):
        colonne = pc.dictionary_encode(colonne)
    valeurs = colonne.dictionary.to_pylist()
    indices = colonne.indices
    if indices.null_count:
        indices = pc.fill_null(indices, len(valeurs))
    return indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False), valeurs + [None]


def _vrais(matrice: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(ligne, colonne) de chaque vrai d'une matrice booléenne, ligne par ligne — ce que
    rend ``np.nonzero``, par un balayage à plat : 4 fois plus court sur les motifs d'un lot
    (1 contre 4 ms pour 10 000 × 88, mesuré)."""
    if matrice.ndim != 2 or not matrice.shape[1]:
        return np.nonzero(matrice)
    return np.divmod(np.flatnonzero(np.ascontiguousarray(matrice)), matrice.shape[1])


def _motifs(bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Motifs distincts des lignes d'une matrice booléenne : (code de chaque ligne, première
    ligne de chaque motif), codes dans l'ordre des premières apparitions. Hachage Arrow sur
    les lignes comprimées."""
    n, m = bits.shape
    if m and bits.flags.f_contiguous and not bits.flags.c_contiguous and bits.dtype == bool:
        # rangée par colonne (l'évaluateur écrit une règle à la fois) : les bits de huit
        # règles assemblés en un octet par ligne, chaque octet rangé d'un seul tenant (lu
        # et écrit en continu), puis une seule transposition — 2 fois plus court que des
        # mots de 64 bits écrits colonne par colonne (mesuré : 4 contre 9 ms par lot)
        octets = np.zeros(((m + 7) // 8, n), dtype=np.uint8)
        for j in range(m):
            octets[j >> 3] |= bits[:, j].view(np.uint8) << np.uint8(j & 7)
        paquets = np.ascontiguousarray(octets.T)
    elif m:
        paquets = np.ascontiguousarray(np.packbits(bits, axis=1))
    else:
        paquets = np.zeros((n, 1), dtype=np.uint8)
    largeur = paquets.shape[1]
    binaire = pa.FixedSizeBinaryArray.from_buffers(pa.binary(largeur), n,
                                                   [None, pa.py_buffer(paquets)])
    code = pc.dictionary_encode(binaire)
    codes = code.indices.to_numpy().astype(np.int64, copy=False)
    premier = np.zeros(len(code.dictionary), dtype=np.int64)
    premier[codes[::-1]] = np.arange(n - 1, -1, -1)
    return codes, premier


_JETONS = {  # ce qu'une ``Conclusions`` met dans chaque colonne de résultat
    "niveau": lambda k: list(k.niveaux),
    "urgence": lambda k: [True] if k.urgence else [],
    "pps": lambda k: [True] if k.pps else [],
    "secteurs": lambda k: list(k.secteurs), "parcours": lambda k: list(k.parcours),
    "clusters": lambda k: [cid for cid, _, _ in k.clusters],
    "acteurs": lambda k: [(cid, a) for cid, acteurs, _ in k.clusters for a in acteurs],
    "appuis": lambda k: [a for a, _ in k.appuis],
    "alertes": lambda k: [a for a, _ in k.alertes],
}


def _ordre_sortie(tout: Any) -> dict[str, list[Any]]:
    """Pour chaque colonne, toutes les valeurs conclues dans l'ordre de sortie."""
    return {c: _JETONS[c](tout) for c in ("niveau", "urgence", "pps", *COLONNES_LISTES)}


@dataclass
class ResultatLot:
    """Ce que rend ``ReperageCohorte.traiter`` pour un lot."""

    sortie: pa.RecordBatch  # colonnes d'entrée (lignes repérées), puis COLONNES_RESULTATS
    lignes: np.ndarray  # numéro de ligne de chaque ligne de ``sortie``
    rejets: list[Rejet] = field(default_factory=list)
    vides: list[int] = field(default_factory=list)  # lignes entièrement vides

    @property
    def nb_rejetees(self) -> int:
        return len({r.ligne for r in self.rejets})


def rejets_en_arrow(rejets: Sequence[Rejet]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pydict(
        {"ligne": pa.array([r.ligne for r in rejets], pa.int64()),
         "id": pa.array([r.id for r in rejets], pa.string()),
         "champ": pa.array([r.champ for r in rejets], pa.string()),
         "message": pa.array([r.message for r in rejets], pa.string())})


SCHEMA_REJETS = rejets_en_arrow([]).schema
assert SCHEMA_REJETS.names == COLONNES_REJETS


class ReperageCohorte:
    """Repère des lots de lignes avec le référentiel donné (compilé une fois)."""

    def __init__(self, referentiel: Referentiel):
        self.referentiel = referentiel
        self.parametres = referentiel.valeurs_parametres
        self.vectoriel = EvaluateurVectoriel(referentiel)
        self.neutre = construire_fait(Situation(age=0), self.parametres)
        self._neutre_items = set(self.neutre.items())
        self._unites: dict[tuple[int, tuple], dict[str, Any] | None] = {}
        self._sections = [frozenset(c.split(".", 1)[0] for c in u) for u in UNITES]
        self._sous_modeles = {nom: f.annotation for nom, f in Situation.model_fields.items()
                              if isinstance(f.annotation, type)
                              and issubclass(f.annotation, BaseModel)}
        self.cles = sorted(set(self.vectoriel.cles) | set(SCORES_FAIT))
        # Ce que chaque règle seule met dans chaque colonne de résultat (``reunir`` sur cette
        # règle) : la matrice d'incidence règles × valeurs conclues. Les valeurs de chaque
        # colonne y sont rangées dans l'ordre de sortie, celui que donne ``reunir`` sur
        # toutes les règles à la fois (l'ordre du catalogue) : la valeur d'une colonne pour
        # un ensemble de valeurs conclues est alors leur suite dans cet ordre, ce que
        # ``reunir`` rend pour toute partie des règles (vérifié par les tests).
        seules = [reunir(referentiel, [r]) for r in referentiel.regles]
        self._ordre = _ordre_sortie(reunir(referentiel, list(referentiel.regles)))
        self._rien = conclusions_vers_ligne(reunir(referentiel, []))
        blocs, self._tranches = [], {}
        debut = 0
        for c, ordre in self._ordre.items():
            rang = {j: i for i, j in enumerate(ordre)}
            incidence = np.zeros((len(seules), max(1, len(ordre))), dtype=np.float32)
            for i, k in enumerate(seules):
                for j in _JETONS[c](k):
                    if j not in rang:  # pragma: no cover — garde-fou sur ``reunir``
                        raise RuntimeError(f"{c} : {j!r} absent de l'ordre de sortie")
                    incidence[i, rang[j]] = 1
            blocs.append(incidence)
            self._tranches[c] = (debut, debut + incidence.shape[1])
            debut += incidence.shape[1]
        self._incidence_f32 = np.concatenate(blocs, axis=1)
        self._ids_regles = pa.array([r.id for r in referentiel.regles], pa.string())

        # Ce que chaque valeur conclue écrit dans sa colonne (l'acteur, pour un couple
        # cluster-acteur) ; et la valeur d'une colonne sans rien de conclu.
        self._textes = {c: pa.array([j[1] if c == "acteurs" else j for j in ordre] or [""],
                                    pa.string())
                        for c, ordre in self._ordre.items() if c not in ("urgence", "pps")}
        for c in COLONNES_LISTES:
            if self._rien[c] != "":  # pragma: no cover — garde-fou sur ``reunir``
                raise RuntimeError(f"{c} : une liste vide ne s'écrit pas « » ")

    def valeurs_colonne(self, colonne: str, presents: np.ndarray) -> pa.Array | np.ndarray:
        """Les valeurs d'une colonne de résultat (celles de ``conclusions_vers_ligne``) pour
        des ensembles de valeurs conclues : ``presents`` a une ligne par ensemble, un booléen
        par valeur de ``self._ordre[colonne]``, dans cet ordre."""
        k = len(presents)
        presents = presents[:, :len(self._ordre[colonne])]
        if colonne in ("urgence", "pps"):
            return presents.any(axis=1) | bool(self._rien[colonne])
        if colonne == "niveau":  # le plus élevé des niveaux conclus
            aucun = ~presents.any(axis=1)
            dernier = presents.shape[1] - 1 - np.argmax(presents[:, ::-1], axis=1) \
                if presents.shape[1] else np.zeros(k, dtype=np.int64)
            valeurs = self._textes[colonne].take(pa.array(dernier.astype(np.int64)))
            return pc.if_else(pa.array(aucun), pa.scalar(self._rien[colonne], pa.string()),
                              valeurs)
        # une liste : les valeurs présentes, dans l'ordre, jointes par « ; »
        lignes, positions = _vrais(presents)
        decalages = np.zeros(k + 1, dtype=np.int32)
        np.cumsum(np.bincount(lignes, minlength=k), out=decalages[1:])
        listes = pa.ListArray.from_arrays(
            pa.array(decalages), self._textes[colonne].take(pa.array(positions)))
        return pc.binary_join(listes, SEPARATEUR_LISTE)

    # -- le contrat Arrow (Spark mapInArrow, etc.) --
    def reperer_lot(self, lot: pa.RecordBatch, lignes: Sequence[int] | np.ndarray | None = None
                    ) -> tuple[pa.RecordBatch, pa.RecordBatch]:
        """**Un RecordBatch → (résultats, rejets), deux RecordBatch.**

        Entrée : une colonne par champ de la situation, nommée par son chemin pointé
        (``age``, ``social.aidant``, ``autonomie.aggir.coherence``…), de type texte
        (``string``, ``large_string`` ou ``dictionary<string>`` : les indices du dictionnaire
        servent de codes) ; une cellule nulle ou blanche = champ absent. Une colonne ``id``
        facultative ; toute autre colonne est recopiée telle quelle. ``lignes`` : le numéro
        de chaque ligne pour les rejets (par défaut 2, 3, … comme sous un en-tête).

        Sortie : ``résultats`` a, pour chaque ligne repérée et dans l'ordre d'entrée, les
        colonnes d'entrée puis ``COLONNES_RESULTATS`` (``niveau``, ``urgence``, ``pps``,
        listes jointes par « ; » dans l'ordre du catalogue, ``scores.*``, ``regles``),
        les colonnes textuelles codées par dictionnaire ; ``rejets`` (``ligne``, ``id``,
        ``champ``, ``message``) a une ligne par erreur, au plus ``MESSAGES_PAR_LIGNE`` par
        ligne refusée. Chaque ligne d'entrée est soit repérée, soit rejetée (une ligne
        entièrement vide est rejetée, message « ligne vide »). Sans effet de bord, déterministe :
        deux lots égaux donnent deux résultats égaux, quel que soit le découpage.

        Pour un moteur distribué (Spark ``mapInArrow``) : construire un ``ReperageCohorte``
        par exécuteur (le référentiel se compile une fois), passer chaque lot reçu avec son
        numéro de ligne, et rendre les deux RecordBatch (dans deux passes, ou réunis sous un
        même schéma avec une colonne qui dit lequel est lequel). Les caches internes sont
        bornés (``TAILLE_MAX_CACHE``) : la mémoire ne croît pas avec le nombre de lots.
        """
        if lignes is None:
            lignes = np.arange(2, 2 + lot.num_rows)
        r = self.traiter(lot, np.asarray(lignes, dtype=np.int64))
        rejets = list(r.rejets) + [Rejet(n, None, "(ligne)", "ligne vide") for n in r.vides]
        rejets.sort(key=lambda x: x.ligne)
        return r.sortie, rejets_en_arrow(rejets)

    def traiter_tableau(self, df: Any, lignes: Sequence[int] | np.ndarray | None = None
                        ) -> tuple[Any, list[Rejet]]:
        """Commodité pandas (diagnostic territorial, essai de règles) : un tableau de
        cellules aux en-têtes reconnus → (un ``DataFrame`` des colonnes ``COLONNES_SORTIE``
        pour les lignes repérées, dans l'ordre ; les rejets). Même cœur que ``reperer_lot``."""
        import pandas as pd

        from orientation.tables.colonnes import COLONNES_SORTIE, verifier_colonnes
        from orientation.tables.fichiers import en_texte

        entete = verifier_colonnes(list(df.columns))
        colonnes = [en_texte(pa.Array.from_pandas(df[c].astype(object).where(df[c].notna(),
                                                                            None)))
                    if df[c].dtype == object else en_texte(pa.Array.from_pandas(df[c]))
                    for c in df.columns]
        lot = pa.RecordBatch.from_arrays(colonnes, names=list(entete.canoniques))
        lignes = np.arange(2, 2 + len(df)) if lignes is None else np.asarray(lignes)
        r = self.traiter(lot, lignes.astype(np.int64))
        rejets = sorted(r.rejets + [Rejet(n, None, "(ligne)", "ligne vide") for n in r.vides],
                        key=lambda x: x.ligne)
        sortie = r.sortie
        donnees = {}
        for c in COLONNES_SORTIE:
            if c in sortie.schema.names:
                colonne = sortie.column(c)
                if pa.types.is_dictionary(colonne.type):
                    colonne = colonne.dictionary.take(colonne.indices)
                donnees[c] = colonne.to_pylist()
            else:
                donnees[c] = [None] * sortie.num_rows
        return pd.DataFrame(donnees, columns=COLONNES_SORTIE), rejets

    # -- les unités --
    def _delta(self, unite: int, cle: tuple, presentes: Sequence[str]) -> dict[str, Any] | None:
        memo = self._unites.get((unite, cle), _ABSENT)
        if memo is not _ABSENT:
            return memo  # type: ignore[return-value]
        ligne = {k: v for k, v in zip(presentes, cle, strict=True) if v is not None}
        sections = self._sections[unite]
        try:
            if sections <= self._sous_modeles.keys():
                # Les sections de l'unité seules : mêmes conversions, même validation de
                # chaque sous-modèle (aucun validateur ne lit d'une section à l'autre), le
                # fait de ces sections seulement — les autres sont celles du fait neutre.
                donnees, erreurs = convertir_ligne(ligne)
                if erreurs:
                    raise ErreurSaisie(erreurs)
                partielle = SimpleNamespace(**{
                    s: self._sous_modeles[s].model_validate(donnees.get(s, {}))
                    for s in sections})
                fait = construire_fait(partielle, self.parametres, sections)
            else:
                if "age" not in presentes:
                    ligne["age"] = 0  # l'âge neutre, pour valider une autre unité seule
                fait = construire_fait(ligne_vers_situation(ligne), self.parametres)
        except (ErreurSaisie, ValidationError):
            delta = None
        else:
            # ce que l'unité change au fait neutre (différence d'ensembles, en C ; le type
            # de chaque clé est fixé par le modèle, True et 1 ne s'y confondent pas)
            delta = dict(fait.items() - self._neutre_items)
        if len(self._unites) >= TAILLE_MAX_CACHE:
            self._unites.clear()  # mémoire bornée, quelle que soit la taille de la cohorte
        self._unites[(unite, cle)] = delta
        return delta

    @staticmethod
    def _codes_unite(parties: list[tuple[np.ndarray, list[Any]]]
                     ) -> tuple[np.ndarray, list[tuple]]:
        """Codes d'une unité de plusieurs colonnes : un code par combinaison distincte. Les
        codes restent denses (jamais plus que de lignes), sans dépassement d'entier."""
        if len(parties) == 1:
            codes, valeurs = parties[0]
            return codes, [(v,) for v in valeurs]
        combine = np.zeros(len(parties[0][0]), dtype=np.int64)
        borne = 1
        for codes, valeurs in parties:
            if borne * len(valeurs) >= 2**62:  # resserrer avant de dépasser
                _, combine = np.unique(combine, return_inverse=True)
                combine = combine.ravel().astype(np.int64)
                borne = int(combine.max()) + 1 if len(combine) else 1
            combine = combine * len(valeurs) + codes
            borne *= len(valeurs)
        # combinaisons distinctes par hachage (Arrow), dans l'ordre des premières apparitions
        code = pc.dictionary_encode(pa.array(combine, pa.int64()))
        codes_unite = code.indices.to_numpy().astype(np.int64, copy=False)
        n = len(codes_unite)
        premier = np.zeros(len(code.dictionary), dtype=np.int64)
        premier[codes_unite[::-1]] = np.arange(n - 1, -1, -1)
        cles = list(zip(*([valeurs[c] for c in codes[premier].tolist()]
                          for codes, valeurs in parties), strict=True))
        return codes_unite, cles

    # -- un lot --
    def traiter(self, lot: pa.RecordBatch, lignes: np.ndarray,
                illisibles: dict[str, np.ndarray] | None = None) -> ResultatLot:
        """Repère un lot (colonnes aux noms internes : chemins, ``id``, recopiées) ;
        ``illisibles`` : par colonne, les lignes dont la cellule n'a pas pu être décodée."""
        n = lot.num_rows
        noms = lot.schema.names
        valide = np.ones(n, dtype=bool)
        vide = np.ones(n, dtype=bool)
        fautes: dict[int, list[tuple[str, str]]] = {}  # contrôle, encodage : avant tout

        codes_colonnes: dict[str, tuple[np.ndarray, list[Any]]] = {}
        for nom in noms:
            colonne = lot.column(nom)
            if not (pa.types.is_string(colonne.type) or pa.types.is_large_string(colonne.type)
                    or pa.types.is_dictionary(colonne.type)):
                colonne = pc.cast(colonne, pa.string())
            if nom in CHAMPS_COLONNES:
                codes, valeurs = codes_dictionnaire(colonne)
                codes_colonnes[nom] = (codes, valeurs)
                blanc = np.array([est_vide(v) for v in valeurs], dtype=bool)
                if not blanc.any():
                    vide[:] = False  # aucune cellule vide : aucune ligne entièrement vide
                elif vide.any():
                    vide &= blanc[codes]
                controle = np.array([isinstance(v, str) and _CONTROLE_RE.search(v) is not None
                                     for v in valeurs], dtype=bool)
                fautives = np.flatnonzero(controle[codes]) if controle.any() else ()
            else:
                texte = colonne.dictionary if pa.types.is_dictionary(colonne.type) else colonne
                blanc = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(texte), ""), True)
                controle = pc.fill_null(pc.match_substring_regex(texte, _CONTROLE), False)
                if pa.types.is_dictionary(colonne.type):
                    indices = colonne.indices
                    nuls = indices.is_null().to_numpy(zero_copy_only=False)
                    idx = pc.fill_null(indices, 0).to_numpy(zero_copy_only=False)
                    b = blanc.to_numpy(zero_copy_only=False)
                    c = controle.to_numpy(zero_copy_only=False)
                    vide &= nuls | (b[idx] if len(b) else nuls)
                    fautives = np.flatnonzero(~nuls & (c[idx] if len(c) else False))
                else:
                    vide &= blanc.to_numpy(zero_copy_only=False)
                    fautives = np.flatnonzero(controle.to_numpy(zero_copy_only=False))
            for i in fautives:
                valeur = lot.column(nom)[int(i)].as_py()
                m = _CONTROLE_RE.search(str(valeur))
                fautes.setdefault(int(i), []).append(
                    (nom, f"caractère de contrôle interdit (U+{ord(m.group()):04X}) : "
                          "corrigez la cellule" if m else "caractère interdit"))
        for nom, masque in (illisibles or {}).items():
            for i in np.flatnonzero(masque):
                fautes.setdefault(int(i), []).append((nom, MESSAGE_ENCODAGE))
                vide[i] = False
        if fautes:
            valide[list(fautes)] = False
        valide &= ~vide

        # Valeurs des clés du fait : neutres, puis remplacées unité par unité.
        V: dict[str, np.ndarray] = {}
        P: dict[str, np.ndarray] = {}
        for u, unite in enumerate(UNITES):
            presentes = [c for c in unite if c in codes_colonnes]
            if not presentes:
                continue
            codes, cles = self._codes_unite([codes_colonnes[c] for c in presentes])
            memo = self._unites  # les unités déjà vues (d'un lot à l'autre) sans appel
            deltas = [memo.get((u, cle), _ABSENT) for cle in cles]
            deltas = [self._delta(u, cle, presentes) if d is _ABSENT else d
                      for cle, d in zip(cles, deltas, strict=True)]
            invalides = np.array([d is None for d in deltas], dtype=bool)
            if invalides.any():
                valide &= ~invalides[codes]
            deltas = [d or _VIDE for d in deltas]
            for k in {k for d in deltas for k in d}:
                if k not in self.cles:
                    continue
                genre = _type_cle(k)
                neutre = self.neutre.get(k, _ABSENT)
                table = [d.get(k, neutre) for d in deltas]
                if neutre is not _ABSENT:  # une valeur partout (le fait n'a jamais None)
                    V[k] = _colonne_cle(table, genre, codes)
                    P[k] = np.ones(n, dtype=bool)
                    continue
                presence = np.array([v is not _ABSENT for v in table], dtype=bool)
                defaut = _NEUTRE.get(genre, "")
                propre = [v if p else defaut for v, p in zip(table, presence, strict=True)]
                V[k] = _colonne_cle(propre, genre, codes)
                P[k] = presence[codes]
        for k in self.cles:
            if k not in V:
                genre = _type_cle(k)
                v = self.neutre.get(k, _ABSENT)
                present = v is not _ABSENT
                V[k] = _colonne_cle([v if present else _NEUTRE.get(genre, "")], genre,
                                    np.zeros(n, dtype=np.intp))
                P[k] = np.full(n, present, dtype=bool)

        rapides = np.flatnonzero(valide)
        if len(rapides) < n:
            V = {k: V[k][rapides] for k in self.cles}
            P = {k: P[k][rapides] for k in self.cles}
        tirees = self.vectoriel.tirer(V, P, len(rapides))
        colonnes = self._colonnes_sortie(tirees)
        for k in SCORES_FAIT:
            genre = _type_cle(k)
            valeurs = V[k]
            masque = ~P[k]
            if genre in _ARROW:
                colonnes[k] = pa.array(valeurs, type=_ARROW[genre], mask=masque)
            elif isinstance(valeurs, TexteCode):
                colonnes[k] = valeurs.en_arrow(masque)
            else:
                colonnes[k] = pc.dictionary_encode(pa.array(
                    np.where(masque, None, valeurs), type=pa.string()))
        entree = lot.filter(pa.array(valide)) if len(rapides) < n else lot
        sortie = pa.RecordBatch.from_arrays(
            [*entree.columns, *(colonnes[c] for c in COLONNES_RESULTATS)],
            names=[*noms, *COLONNES_RESULTATS])

        # Les lignes refusées : le chemin exact, ligne à ligne (leurs messages).
        rejets: list[Rejet] = []
        indices_vides = np.flatnonzero(vide & ~np.isin(np.arange(n), list(fautes)))
        refusees = np.flatnonzero(~valide & ~vide)
        if len(refusees) or fautes:
            ids = self._ids(lot, np.union1d(refusees, list(fautes)).astype(np.int64))
            enregistrements = lot.take(pa.array(refusees, pa.int64())).to_pylist() \
                if len(refusees) else []
            for i, brut in zip(refusees, enregistrements, strict=True):
                i = int(i)
                id_ = ids.get(i)
                if i in fautes:
                    rejets.extend(Rejet(int(lignes[i]), None if c == COLONNE_ID else id_, c, m)
                                  for c, m in fautes[i])
                    continue
                ligne = {k: v for k, v in brut.items() if k in CHAMPS_COLONNES}
                try:
                    ligne_vers_situation(ligne)
                except ErreurSaisie as e:
                    rejets.extend(rejets_depuis_erreur(int(lignes[i]), id_, e,
                                                       MESSAGES_PAR_LIGNE))
                else:  # pragma: no cover — garde-fou : la décomposition en unités a manqué
                    raise RuntimeError(f"ligne {lignes[i]} : unités et ligne en désaccord")
        return ResultatLot(sortie, lignes[rapides], rejets,
                           [int(lignes[i]) for i in indices_vides])

    @staticmethod
    def _ids(lot: pa.RecordBatch, indices: np.ndarray) -> dict[int, str | None]:
        if COLONNE_ID not in lot.schema.names or not len(indices):
            return {}
        valeurs = lot.column(COLONNE_ID).take(pa.array(indices, pa.int64())).to_pylist()
        ids = {}
        for i, v in zip(indices, valeurs, strict=True):
            texte = None if v is None else str(v).strip()
            ids[int(i)] = texte if texte and not _CONTROLE_RE.search(texte) else None
        return ids

    def _conclus_par_motif(self, representants: np.ndarray) -> np.ndarray:
        """Pour chaque motif (une ligne de règles tirées), les valeurs conclues : le OU des
        lignes de la matrice d'incidence de ses règles, par un produit matriciel sur un seul
        fil BLAS — les fils qu'OpenBLAS lance sinon tournent à vide après chaque produit et
        prenaient au reste du pipeline (lecture, écriture) ≈ 2 s de processeur sur 1 M
        (docs/benchmarks.md)."""
        with _UN_SEUL_FIL_BLAS.limit(limits=1, user_api="blas"):
            return (representants.astype(np.float32) @ self._incidence_f32) > 0

    def _colonnes_sortie(self, tirees: np.ndarray) -> dict[str, pa.Array]:
        """Les colonnes de résultat, codées par dictionnaire.

        Tout se calcule une fois par **motif distinct de règles tirées**, jamais par ligne :
        pour chaque motif, l'ensemble des valeurs conclues de chaque colonne (union et niveau
        le plus élevé, par la matrice d'incidence que donne ``reunir`` règle par règle) ; pour
        chaque ensemble distinct, la valeur de la colonne (``valeurs_colonne``). Chaque colonne
        est un dictionnaire Arrow : les indices sont les ensembles distincts, pris par motif
        puis par ligne."""
        colonnes: dict[str, pa.Array] = {}
        n = len(tirees)
        motif_ligne, premier = _motifs(tirees)
        representants = tirees[premier]  # une ligne par motif distinct
        membres = self._conclus_par_motif(representants)
        for c, (debut, fin) in self._tranches.items():
            code_motif, premier_c = _motifs(membres[:, debut:fin])
            valeurs = self.valeurs_colonne(c, membres[premier_c, debut:fin])
            codes = code_motif[motif_ligne] if n else np.zeros(0, dtype=np.int64)
            if c in ("urgence", "pps"):
                colonnes[c] = pa.array(valeurs[codes] if n else np.zeros(0, bool))
            else:
                colonnes[c] = pa.DictionaryArray.from_arrays(
                    pa.array(codes.astype(np.int32), pa.int32()), valeurs)
        # « regles » : les identifiants des règles tirées, un texte par motif distinct.
        lignes, positions = _vrais(representants)
        decalages = np.zeros(len(representants) + 1, dtype=np.int32)
        np.cumsum(np.bincount(lignes, minlength=len(representants)), out=decalages[1:])
        textes = pc.binary_join(pa.ListArray.from_arrays(
            pa.array(decalages), self._ids_regles.take(pa.array(positions))), SEPARATEUR_LISTE)
        colonnes["regles"] = pa.DictionaryArray.from_arrays(
            pa.array(motif_ligne.astype(np.int32), pa.int32()), textes)
        return colonnes
