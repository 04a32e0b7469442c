"""Repérer une cohorte : un lot Arrow de lignes à la fois, vite, sans rien perdre.

Le cœur est ``ReperageCohorte.reperer_lot`` : **un RecordBatch Arrow en entrée → (résultats,
rejets), deux RecordBatch**. C'est lui que ``orientation batch``, la page Scénarios (par
``tables.lot``) et, plus tard, Spark (``mapInArrow``) appellent ; il ne lit ni n'écrit aucun
fichier.

Chemin, exact par construction :

1. la situation se décompose en **unités indépendantes** : chaque colonne, sauf les
   questionnaires (toutes les colonnes d'AGGIR avec ``autonomie.gir``, celles du GFST, celles
   d'EPICES), qui forment chacun une unité. La validité d'une ligne est celle de chacune de
   ses unités, et chaque clé du fait ne dépend que d'une unité ;
2. chaque colonne est **codée par dictionnaire** (Arrow : les indices sont les codes, le
   dictionnaire les valeurs distinctes) ; pour chaque valeur distincte d'une unité, on appelle
   le chemin exact — ``colonnes.ligne_vers_situation`` (mêmes conversions, même validation
   pydantic) puis ``faits.construire_fait`` (mêmes instruments) — et l'on garde ce que cette
   unité change au fait d'une situation neutre (mémoire bornée, gardée d'un lot à l'autre) ;
3. le fait de chaque ligne est reconstitué colonne par colonne (une indexation numpy par
   clé), et le référentiel compilé en expressions numpy (``EvaluateurVectoriel``) est évalué
   sur tout le lot d'un coup ;
4. les colonnes de sortie ne dépendent que de l'ensemble des règles tirées : l'agrégat commun
   à ``screen()`` (``resultat.assemblage.reunir``) est appelé **une fois par motif distinct**
   de règles tirées, et chaque colonne de sortie est une colonne Arrow codée par dictionnaire
   dont les indices sont les motifs.

Toute ligne dont une unité est invalide passe par le chemin exact ligne à ligne : ses
messages sont ceux de ``orientation screen``. Un test différentiel compare le tout à
``screen()`` (durable_rules) sur 20 000 patients où chaque règle tire.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from orientation.evaluation.vectoriel import EvaluateurVectoriel
from orientation.referentiel import Referentiel
from orientation.resultat.assemblage import reunir
from orientation.situation.erreurs import ErreurSaisie
from orientation.situation.faits import CHAMPS, construire_fait
from orientation.situation.modele import Situation
from orientation.tables.colonnes import (
    CHAMPS_COLONNES,
    COLONNE_ID,
    COLONNES_LISTES,
    COLONNES_REJETS,
    COLONNES_RESULTATS,
    GROUPES,
    Rejet,
    conclusions_vers_ligne,
    est_vide,
    ligne_vers_situation,
    rejets_depuis_erreur,
)

_ABSENT = object()
TAILLE_MAX_CACHE = 50_000
SCORES_FAIT = [c for c in COLONNES_RESULTATS if c.startswith("scores.")]
MESSAGE_ENCODAGE = ("texte illisible dans l'encodage du fichier (ré-enregistrez-le en UTF-8, "
                    "ou relancez avec --encodage cp1252)")
MESSAGES_PAR_LIGNE = 20
_CONTROLE = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"
_CONTROLE_RE = re.compile(_CONTROLE)


def _unites() -> list[tuple[str, ...]]:
    unites: list[tuple[str, ...]] = []
    dans_groupe = {c for cols in GROUPES.values() for c in cols} | {"autonomie.gir"}
    for chemin in CHAMPS_COLONNES:
        if chemin not in dans_groupe:
            unites.append((chemin,))
    for groupe, cols in GROUPES.items():
        unites.append((("autonomie.gir",) if groupe == "autonomie.aggir" else ()) + cols)
    return unites


UNITES: list[tuple[str, ...]] = _unites()


def _type_cle(k: str) -> str:
    champ = CHAMPS.get(k)
    return champ.type if champ else "booleen"


_NP = {"booleen": bool, "entier": np.int64, "decimal": np.float64}
_NEUTRE = {"booleen": False, "entier": 0, "decimal": 0.0}
_ARROW = {"booleen": pa.bool_(), "entier": pa.int64(), "decimal": pa.float64()}


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


def _motifs(bits: np.ndarray) -> tuple[np.ndarray, list[bytes], np.ndarray]:
    """Motifs distincts des lignes d'une matrice booléenne : (code de chaque ligne, clé de
    chaque motif, première ligne de chaque motif). Hachage Arrow sur les lignes comprimées."""
    n = len(bits)
    paquets = np.ascontiguousarray(np.packbits(bits, axis=1)) if bits.shape[1] else \
        np.zeros((n, 1), dtype=np.uint8)
    largeur = paquets.shape[1]
    binaire = pa.FixedSizeBinaryArray.from_buffers(pa.binary(largeur), n,
                                                   [None, pa.py_buffer(paquets.tobytes())])
    code = pc.dictionary_encode(binaire)
    codes = code.indices.to_numpy().astype(np.int64, copy=False)
    cles = code.dictionary.to_pylist()
    premier = np.zeros(len(cles), dtype=np.int64)
    premier[codes[::-1]] = np.arange(n - 1, -1, -1)
    return codes, cles, premier


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
        self._unites: dict[tuple[int, tuple], dict[str, Any] | None] = {}
        self._motifs: dict[tuple[str, bytes], Any] = {}
        self.cles = sorted(set(self.vectoriel.cles) | set(SCORES_FAIT))
        # Pour chaque colonne de résultat, ce que chaque règle seule y met (``reunir`` sur
        # cette règle) : la matrice d'incidence règles × valeurs de la colonne.
        seules = [reunir(referentiel, [r]) for r in referentiel.regles]
        jetons = {
            "niveau": lambda k: set(k.niveaux),
            "urgence": lambda k: {True} if k.urgence else set(),
            "pps": lambda k: {True} if k.pps else set(),
            "secteurs": lambda k: set(k.secteurs), "parcours": lambda k: set(k.parcours),
            "clusters": lambda k: {cid for cid, _, _ in k.clusters},
            "acteurs": lambda k: {(cid, a) for cid, acteurs, _ in k.clusters for a in acteurs},
            "appuis": lambda k: {a for a, _ in k.appuis},
            "alertes": lambda k: {a for a, _ in k.alertes},
        }
        blocs, self._tranches = [], {}
        debut = 0
        for c in ("niveau", "urgence", "pps", *COLONNES_LISTES):
            par_regle = [jetons[c](k) for k in seules]
            tous = sorted({j for js in par_regle for j in js}, key=repr)
            incidence = np.zeros((len(seules), max(1, len(tous))), dtype=np.float32)
            for i, js in enumerate(par_regle):
                for j in js:
                    incidence[i, tous.index(j)] = 1
            blocs.append(incidence)
            self._tranches[c] = (debut, debut + incidence.shape[1])
            debut += incidence.shape[1]
        self._incidence = np.concatenate(blocs, axis=1)
        self._contribue = {c: self._incidence[:, d:f].any(axis=1)
                           for c, (d, f) in self._tranches.items()}
        self._ids_regles = np.array([r.id for r in referentiel.regles], dtype=object)
        self._regles: dict[bytes, str] = {}

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
        """
        if lignes is None:
            lignes = np.arange(2, 2 + lot.num_rows)
        r = self.traiter(lot, np.asarray(lignes, dtype=np.int64))
        rejets = list(r.rejets) + [Rejet(n, None, "(ligne)", "ligne vide") for n in r.vides]
        rejets.sort(key=lambda x: x.ligne)
        return r.sortie, rejets_en_arrow(rejets)

    # -- les unités --
    def _delta(self, unite: int, cle: tuple, presentes: Sequence[str]) -> dict[str, Any] | None:
        memo = self._unites.get((unite, cle), _ABSENT)
        if memo is not _ABSENT:
            return memo  # type: ignore[return-value]
        ligne = {k: v for k, v in zip(presentes, cle, strict=True) if v is not None}
        if "age" not in presentes:
            ligne["age"] = 0  # l'âge neutre, pour valider une autre unité seule
        try:
            fait = construire_fait(ligne_vers_situation(ligne), self.parametres)
        except ErreurSaisie:
            delta = None
        else:
            delta = {k: v for k, v in fait.items()
                     if k not in self.neutre or type(self.neutre[k]) is not type(v)
                     or self.neutre[k] != v}
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
        _, premier, codes_unite = np.unique(combine, return_index=True, return_inverse=True)
        cles = [tuple(valeurs[codes[i]] for codes, valeurs in parties) for i in premier]
        return codes_unite.ravel().astype(np.int64), cles

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
                vide &= blanc[codes]
                controle = np.array([isinstance(v, str) and _CONTROLE_RE.search(v) is not None
                                     for v in valeurs], dtype=bool)
                fautives = np.flatnonzero(controle[codes])
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
            deltas = [self._delta(u, cle, presentes) for cle in cles]
            invalides = np.array([d is None for d in deltas], dtype=bool)
            valide &= ~invalides[codes]
            for k in {k for d in deltas if d for k in d}:
                if k not in self.cles:
                    continue
                genre = _type_cle(k)
                neutre = self.neutre.get(k, _ABSENT)
                table = [(d or {}).get(k, neutre) for d in deltas]
                presence = np.array([v is not _ABSENT and v is not None for v in table],
                                    dtype=bool)
                defaut = _NEUTRE.get(genre, "")
                propre = [v if p else defaut for v, p in zip(table, presence, strict=True)]
                V[k] = np.array(propre, dtype=_NP.get(genre, object))[codes]
                P[k] = presence[codes]
        for k in self.cles:
            if k not in V:
                genre = _type_cle(k)
                v = self.neutre.get(k, _ABSENT)
                present = v is not _ABSENT
                V[k] = np.full(n, v if present else _NEUTRE.get(genre, ""),
                               dtype=_NP.get(genre, object))
                P[k] = np.full(n, present, dtype=bool)

        rapides = np.flatnonzero(valide)
        if len(rapides) < n:
            V = {k: V[k][rapides] for k in self.cles}
            P = {k: P[k][rapides] for k in self.cles}
        tirees = np.ascontiguousarray(self.vectoriel.tirer(V, P, len(rapides)))
        colonnes = self._colonnes_sortie(tirees)
        for k in SCORES_FAIT:
            genre = _type_cle(k)
            valeurs = V[k]
            masque = ~P[k]
            if genre in _ARROW:
                colonnes[k] = pa.array(valeurs, type=_ARROW[genre], mask=masque)
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

    def _colonnes_sortie(self, tirees: np.ndarray) -> dict[str, pa.Array]:
        """Les colonnes de résultat, codées par dictionnaire.

        Tout se calcule une fois par **motif distinct de règles tirées** (quelques milliers
        dans une cohorte), jamais par ligne : pour chaque motif, l'ensemble des valeurs
        conclues pour chaque colonne (union et niveau le plus élevé, par la matrice
        d'incidence que donne ``reunir`` règle par règle) ; pour chaque ensemble distinct, la
        valeur de la colonne par l'agrégat commun à ``screen()`` (``reunir``) sur les règles
        d'un motif qui l'a. Chaque colonne est un dictionnaire Arrow : les indices sont les
        ensembles distincts, pris par motif puis par ligne."""
        colonnes: dict[str, pa.Array] = {}
        regles = self.referentiel.regles
        n = len(tirees)
        motif_ligne, cles_motifs, premier = _motifs(tirees)
        representants = tirees[premier]  # une ligne par motif distinct
        membres = (representants.astype(np.float32) @ self._incidence) > 0
        for c, (debut, fin) in self._tranches.items():
            code_motif, cles, premier_c = _motifs(membres[:, debut:fin])
            valeurs = []
            for cle, p in zip(cles, premier_c, strict=True):
                memo = self._motifs.get((c, cle), _ABSENT)
                if memo is _ABSENT:  # les règles tirées qui concluent sur cette colonne
                    utiles = representants[p] & self._contribue[c]
                    tirees_ici = [regles[i] for i in np.flatnonzero(utiles)]
                    memo = conclusions_vers_ligne(reunir(self.referentiel, tirees_ici))[c]
                    if len(self._motifs) >= TAILLE_MAX_CACHE:
                        self._motifs.clear()
                    self._motifs[(c, cle)] = memo
                valeurs.append(memo)
            codes = code_motif[motif_ligne] if n else np.zeros(0, dtype=np.int64)
            if c in ("urgence", "pps"):
                colonnes[c] = pa.array(np.array(valeurs, dtype=bool)[codes] if n
                                       else np.zeros(0, bool))
            else:
                colonnes[c] = pa.DictionaryArray.from_arrays(
                    pa.array(codes.astype(np.int32), pa.int32()), pa.array(valeurs, pa.string()))
        # « regles » : les identifiants des règles tirées, un texte par motif distinct.
        valeurs = []
        for cle, ligne in zip(cles_motifs, representants, strict=True):
            texte = self._regles.get(cle)
            if texte is None:
                texte = ";".join(self._ids_regles[ligne])
                if len(self._regles) >= TAILLE_MAX_CACHE:
                    self._regles.clear()
                self._regles[cle] = texte
            valeurs.append(texte)
        colonnes["regles"] = pa.DictionaryArray.from_arrays(
            pa.array(motif_ligne.astype(np.int32), pa.int32()), pa.array(valeurs, pa.string()))
        return colonnes
