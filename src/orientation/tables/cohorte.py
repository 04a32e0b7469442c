"""Repérer une cohorte : un bloc de lignes à la fois, vite, sans rien perdre.

Chemin rapide, exact par construction :
1. la situation se décompose en **unités indépendantes** : chaque colonne, sauf les
   questionnaires (toutes les colonnes d'AGGIR avec ``autonomie.gir``, celles du GFST, celles
   d'EPICES), qui forment chacun une unité. La validité d'une ligne est celle de chacune de ses
   unités, et chaque clé du fait ne dépend que d'une unité (``Situation`` n'a pas d'autre
   validation croisée que GIR/AGGIR, réunis dans la même unité) ;
2. pour chaque valeur **distincte** d'une unité dans le bloc (``pandas.factorize``), on
   appelle le chemin exact : ``tableau.ligne_vers_situation`` (mêmes conversions, même
   validation pydantic) puis ``faits.construire_fait`` (mêmes instruments validés), et l'on
   garde ce que cette unité change au fait d'une situation neutre. Les résultats sont gardés
   d'un bloc à l'autre : une cohorte n'a que quelques milliers de valeurs distinctes ;
3. le fait de chaque ligne est ainsi reconstitué colonne par colonne, et le référentiel,
   compilé en expressions numpy (``evaluateur.EvaluateurVectoriel``), est évalué sur tout le
   bloc d'un coup ;
4. la ligne de sortie ne dépend que de l'ensemble des règles tirées : ``resultat.assembler``
   est appelé une fois par ensemble distinct, et son résultat réutilisé.

Toute ligne dont une unité est invalide passe par le chemin exact ligne à ligne
(``ligne_vers_situation``) : ses messages d'erreur sont ceux de ``orientation screen``.
Un test différentiel compare le tout à ``screen()`` (durable_rules) sur 20 000 patients.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from orientation.evaluation.vectoriel import EvaluateurCompile, EvaluateurVectoriel
from orientation.referentiel import Referentiel
from orientation.resultat.assemblage import assembler
from orientation.situation.erreurs import ErreurSaisie
from orientation.situation.faits import CHAMPS, construire_fait
from orientation.situation.modele import Situation
from orientation.tables.colonnes import (
    CHAMPS_COLONNES,
    COLONNE_ID,
    COLONNES_SORTIE,
    GROUPES,
    Rejet,
    conclusions_vers_ligne,
    est_vide,
    identifiant,
    ligne_vers_situation,
    rejets_depuis_erreur,
)

_ABSENT = object()
TAILLE_MAX_CACHE = 50_000
SCORES_FAIT = [c for c in COLONNES_SORTIE if c.startswith("scores.")]
MESSAGE_ENCODAGE = ("texte illisible : le fichier n'est pas en UTF-8 (ré-enregistrez-le en "
                    "UTF-8, ou relancez avec --encodage latin-1)")


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


def _cle_exacte(v: Any) -> Any:
    """Clé de hachage qui distingue ``True``, ``1`` et ``1.0`` (égaux pour Python)."""
    if isinstance(v, str):
        return v
    if est_vide(v):
        return None
    if isinstance(v, list | tuple | np.ndarray):
        return ("liste", tuple(_cle_exacte(x) for x in v))
    try:
        hash(v)
    except TypeError:
        return ("?", repr(v))
    return (type(v).__name__, v)


def _factoriser(serie: pd.Series) -> tuple[np.ndarray, list[Any], list[Any]]:
    """Codes par ligne, clés exactes et valeurs brutes des valeurs distinctes d'une colonne."""
    genre = pd.api.types.infer_dtype(serie, skipna=False)
    if serie.dtype != object or genre == "string":
        codes, uniques = pd.factorize(serie, use_na_sentinel=True)
        brutes = list(uniques)
        cles = [_cle_exacte(v) if not isinstance(v, str) else v for v in brutes]
    else:
        cles_lignes = [_cle_exacte(v) for v in serie]
        codes, uniques_cles = pd.factorize(pd.Series(cles_lignes, dtype=object),
                                           use_na_sentinel=True)
        premier = {}
        for i, code in enumerate(codes):
            premier.setdefault(code, i)
        valeurs = serie.tolist()
        brutes = [valeurs[premier[k]] for k in range(len(uniques_cles))]
        cles = list(uniques_cles)
    if (codes < 0).any():  # NaN : une valeur « vide » de plus
        codes = np.where(codes < 0, len(brutes), codes)
        brutes.append(None)
        cles.append(None)
    return codes.astype(np.int64), cles, brutes


def _motifs(bits: np.ndarray) -> tuple[list[bytes], np.ndarray, np.ndarray]:
    """Motifs distincts des lignes d'une matrice booléenne : (clés, première ligne de
    chaque motif, motif de chaque ligne). Les lignes sont comprimées en mots de 64 bits."""
    paquets = np.packbits(bits, axis=1)
    largeur = -(-paquets.shape[1] // 8) * 8 or 8
    mots = np.zeros((len(bits), largeur), dtype=np.uint8)
    mots[:, : paquets.shape[1]] = paquets
    cles = mots.view(np.uint64) if largeur == 8 else mots.view(f"V{largeur}")
    uniques, premier, inverse = np.unique(cles.ravel(), return_index=True, return_inverse=True)
    return [u.tobytes() for u in uniques], premier, inverse.ravel()


def _python(v: Any) -> Any:
    return v.item() if isinstance(v, np.generic) else v


class ReperageCohorte:
    """Repère des blocs de lignes (``traiter``) avec le référentiel donné."""

    def __init__(self, referentiel: Referentiel):
        self.referentiel = referentiel
        self.parametres = referentiel.valeurs_parametres
        self.vectoriel = EvaluateurVectoriel(referentiel)
        self.compile = EvaluateurCompile(referentiel)
        self.neutre = construire_fait(Situation(age=0), self.parametres)
        self._situation_neutre = Situation(age=0)
        self._unites: dict[tuple[int, Any], dict[str, Any] | None] = {}
        self._sorties: dict[tuple[str, bytes], Any] = {}
        self.cles = sorted(set(self.vectoriel.cles) | set(SCORES_FAIT))
        cat = referentiel.catalogue
        self._valeurs_sortie = {
            "secteurs": list(cat.secteurs), "parcours": list(cat.parcours),
            "clusters": list(cat.clusters), "appuis": list(cat.appuis),
            "alertes": list(cat.alertes),
            "acteurs": [a for c in cat.clusters.values() for a in c.acteurs],
        }
        jetons = [("niveau", nom) for nom in cat.ordre_niveaux]
        jetons += [("urgence", True), ("pps", True)]
        jetons += [(champ, v) for champ, vs in self._valeurs_sortie.items() for v in vs]
        self._jeton = {j: k for k, j in enumerate(jetons)}
        self._incidence = np.zeros((len(referentiel.regles), len(jetons)), dtype=np.float32)
        for i, r in enumerate(referentiel.regles):
            x = r.alors
            conclus = [("niveau", x.niveau)] if x.niveau else []
            conclus += [("urgence", True)] if x.urgence else []
            conclus += [("pps", True)] if x.pps else []
            conclus += [(champ, v) for champ in ("secteurs", "parcours", "appuis", "alertes")
                        for v in getattr(x, champ)]
            conclus += [("clusters", cid) for cid, _ in x.clusters]
            conclus += [("acteurs", a) for _, acteurs in x.clusters for a in acteurs]
            for j in conclus:
                self._incidence[i, self._jeton[j]] = 1
        self._valeurs_sortie["regles"] = [r.id for r in referentiel.regles]

    # -- les unités --
    def _delta(self, unite: int, cle: Any, cellules: dict[str, Any]) -> dict[str, Any] | None:
        memo = self._unites.get((unite, cle), _ABSENT)
        if memo is not _ABSENT:
            return memo  # type: ignore[return-value]
        ligne = {k: v for k, v in cellules.items() if v is not None}
        if "age" not in cellules:
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

    # -- un bloc --
    def traiter(self, df: pd.DataFrame, lignes: Sequence[int] | np.ndarray,
                illisibles: np.ndarray | None = None) -> tuple[pd.DataFrame, list[Rejet]]:
        """Repère un bloc ; ``lignes`` : numéro de chaque ligne dans le fichier ;
        ``illisibles`` : lignes dont une cellule n'a pas pu être décodée (encodage)."""
        n = len(df)
        df = df.reset_index(drop=True)
        colonnes = [str(c).strip() for c in df.columns]
        df.columns = colonnes
        valide = np.ones(n, dtype=bool)
        if illisibles is not None:
            valide &= ~illisibles
        # Valeurs des clés du fait : neutres, puis remplacées unité par unité.
        valeurs: dict[str, np.ndarray] = {}
        proprietaire: dict[str, int] = {}
        for u, unite in enumerate(UNITES):
            presentes = [c for c in unite if c in colonnes]
            if not presentes:
                continue
            codes, cles, brutes = self._codes_unite(df, presentes)
            deltas = [self._delta(u, cle, dict(zip(presentes, brute, strict=True)))
                      for cle, brute in zip(cles, brutes, strict=True)]
            invalides = np.array([d is None for d in deltas])
            valide &= ~invalides[codes]
            for k in {k for d in deltas if d for k in d}:
                if proprietaire.setdefault(k, u) != u:  # pragma: no cover — garde-fou
                    raise RuntimeError(f"la clé {k} dépend de deux unités")
                if k in self.cles:
                    table = [(d or {}).get(k, self.neutre.get(k, _ABSENT)) for d in deltas]
                    valeurs[k] = np.array(table, dtype=object)[codes]
        V, P = self._colonnes(valeurs, n)
        tirees = self.vectoriel.tirer(V, P, n)
        rejets: list[Rejet] = []
        ids = np.array([identifiant(v) for v in df[COLONNE_ID]] if COLONNE_ID in colonnes
                       else [None] * n, dtype=object)
        rapides = np.flatnonzero(valide)
        colonnes_sortie = self._sortie_rapide(tirees[rapides], V, P, rapides)
        colonnes_sortie["id"] = ids[rapides]
        sortie = pd.DataFrame(colonnes_sortie, columns=COLONNES_SORTIE)
        sortie.index = rapides
        exactes: list[dict[str, Any]] = []
        index_exactes: list[int] = []
        enregistrements = None
        for i in np.flatnonzero(~valide):
            if enregistrements is None:
                enregistrements = df.to_dict("records")
            ligne_brute = enregistrements[i]
            id_ = ids[i]
            if illisibles is not None and illisibles[i]:
                champs = [c for c, v in ligne_brute.items() if isinstance(v, str)
                          and any("\udc80" <= ch <= "\udcff" for ch in v)]
                if "id" in champs:
                    id_ = None
                rejets.extend(Rejet(int(lignes[i]), id_, c, MESSAGE_ENCODAGE) for c in champs)
                continue
            if all(est_vide(v) for v in ligne_brute.values()):
                rejets.append(Rejet(int(lignes[i]), id_, "(ligne)", "ligne vide"))
                continue
            try:
                situation = ligne_vers_situation(ligne_brute)
            except ErreurSaisie as e:
                rejets.extend(rejets_depuis_erreur(int(lignes[i]), id_, e))
                continue
            exactes.append(self._ligne_exacte(id_, situation))  # pragma: no cover
            index_exactes.append(i)  # pragma: no cover
        if exactes:  # pragma: no cover — garde-fou : la décomposition en unités a manqué
            sortie = pd.concat([sortie, pd.DataFrame(exactes, columns=COLONNES_SORTIE,
                                                     index=index_exactes)]).sort_index()
        return sortie.reset_index(drop=True), rejets

    def _joindre(self, champ: str, membres: np.ndarray) -> np.ndarray:
        """Pour chaque ligne, les valeurs du champ présentes (dans l'ordre du catalogue)
        jointes par « ; » ; calculé une fois par motif distinct."""
        valeurs = self._valeurs_sortie[champ]
        cles, premier, inverse = _motifs(membres)
        table = []
        for j, cle in enumerate(cles):
            memo = (champ, cle)
            texte = self._sorties.get(memo)
            if texte is None:
                texte = ";".join(v for v, oui in zip(valeurs, membres[premier[j]], strict=True)
                                 if oui)
                if len(self._sorties) >= TAILLE_MAX_CACHE:
                    self._sorties.clear()
                self._sorties[memo] = texte
            table.append(texte)
        return np.array(table, dtype=object)[inverse]

    def _sortie_rapide(self, tirees: np.ndarray, V: dict[str, np.ndarray],
                       P: dict[str, np.ndarray], lignes: np.ndarray) -> dict[str, Any]:
        """Les colonnes de sortie, réunies comme ``resultat.assembler`` : niveau le plus
        élevé conclu, urgence et PPS dès qu'une règle les conclut, listes dans l'ordre du
        catalogue (acteurs groupés par cluster). Le test différentiel le vérifie."""
        colonnes: dict[str, Any] = {}
        membres = (tirees.astype(np.float32) @ self._incidence) > 0
        niveau = np.full(len(tirees), self.referentiel.catalogue.ordre_niveaux[0], dtype=object)
        for nom in self.referentiel.catalogue.ordre_niveaux[1:]:
            niveau[membres[:, self._jeton[("niveau", nom)]]] = nom
        colonnes["niveau"] = niveau
        for drapeau in ("urgence", "pps"):
            colonnes[drapeau] = membres[:, self._jeton[(drapeau, True)]].astype(object)
        for champ in ("secteurs", "parcours", "clusters", "acteurs", "appuis", "alertes"):
            indices = [self._jeton[(champ, v)] for v in self._valeurs_sortie[champ]]
            colonnes[champ] = self._joindre(champ, membres[:, indices])
        for k in SCORES_FAIT:
            colonnes[k] = np.where(P[k][lignes], V[k][lignes].astype(object), None)
        colonnes["regles"] = self._joindre("regles", tirees)
        return colonnes

    def _ligne_exacte(self, id_: str | None, situation: Situation) -> dict[str, Any]:
        """Une ligne repérée ligne à ligne (fait complet, évaluateur compilé, assembler)."""
        fait = construire_fait(situation, self.parametres)
        regles = [self.referentiel.regles[i] for i in self.compile.indices_tires(fait)]
        o = assembler(self.referentiel, situation, fait, regles)
        return {"id": id_, **conclusions_vers_ligne(o),
                **{k: fait.get(k) for k in SCORES_FAIT}}

    def _codes_unite(self, df: pd.DataFrame, colonnes: list[str]
                     ) -> tuple[np.ndarray, list[Any], list[tuple]]:
        parties = [_factoriser(df[c]) for c in colonnes]
        if len(parties) == 1:
            codes, cles, brutes = parties[0]
            return codes, cles, [(b,) for b in brutes]
        combine = np.zeros(len(df), dtype=np.int64)
        for codes, cles, _ in parties:
            combine = combine * (len(cles) + 1) + codes
        uniques, premier, codes_unite = np.unique(combine, return_index=True,
                                                  return_inverse=True)
        cles_unite = [tuple(p[1][p[0][i]] for p in parties) for i in premier]
        brutes_unite = [tuple(p[2][p[0][i]] for p in parties) for i in premier]
        return codes_unite.ravel(), cles_unite, brutes_unite

    def _colonnes(self, valeurs: dict[str, np.ndarray], n: int
                  ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        V: dict[str, np.ndarray] = {}
        P: dict[str, np.ndarray] = {}
        for k in self.cles:
            if k in valeurs:
                brut = valeurs[k]
                presence = np.array([v is not _ABSENT and v is not None for v in brut],
                                    dtype=bool) if k not in self.neutre else np.ones(n, bool)
            else:
                v = self.neutre.get(k, _ABSENT)
                brut = np.full(n, v, dtype=object)
                presence = np.full(n, v is not _ABSENT, dtype=bool)
            champ = CHAMPS.get(k)
            genre = champ.type if champ else "booleen"
            if genre == "booleen":
                V[k] = np.where(presence, brut, False).astype(bool)
            elif genre == "entier":
                V[k] = np.where(presence, brut, 0).astype(np.int64)
            elif genre == "decimal":
                V[k] = np.where(presence, brut, 0.0).astype(np.float64)
            else:
                V[k] = np.where(presence, brut, "")
            P[k] = presence
        return V, P
