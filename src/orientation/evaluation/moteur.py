"""Le moteur : le référentiel compilé en règles durable_rules, et ``screen()``.

Tout ce que durable_rules exige pour être sûr tient ici (DEVELOPERS.md) :
- un hôte à nous (``_Hote``) dont le répartiteur en tâche de fond ne démarre jamais : aucune
  minuterie n'est utile, et ce fil fait planter le processus quand plusieurs fils évaluent ;
- les rulesets enregistrés sur cet hôte, jamais sur l'hôte global ; recharger les règles,
  c'est construire un nouveau ``Moteur`` ;
- un verrou autour de chaque évaluation (durable_rules n'est pas réentrant) ;
- un ``sid`` neuf par repérage et ``delete_state`` dans un ``finally`` (1024 sessions au plus) ;
- des faits (``assert_fact``), jamais ``post`` : toutes les règles satisfaites sont tirées ;
- ``MessageNotHandledException`` veut seulement dire qu'aucune règle n'a été tirée : une
  règle sentinelle, toujours tirée, l'évite pour la situation (voir ``Moteur``) ;
- une exception dans une action est avalée dans l'état : elle est relevée ici.

Chaînage avant : chaque conclusion d'une règle tirée (secteur, appui, niveau…) devient un
fait de la session, que d'autres règles peuvent examiner (``conclusion.*`` dans ``si``).
Les conclusions ne se retirent jamais et ne sont jamais niées : le résultat est le point
fixe, indépendant de l'ordre de tir.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from durable import engine as durable_engine

from orientation.evaluation.operateurs import OPERATEURS, et, ou
from orientation.referentiel import (
    Aucune,
    AuMoins,
    Comparaison,
    Condition,
    ErreurReferentiel,
    Referentiel,
    Regle,
    SurConclusion,
    Toutes,
    UneDe,
    charger_referentiel,
    referentiel_par_defaut,
)
from orientation.resultat import Orientation
from orientation.resultat.assemblage import assembler
from orientation.situation.faits import CHAMPS, construire_fait
from orientation.situation.modele import Situation

_TYPE_SITUATION = "situation"


class ErreurMoteur(RuntimeError):
    """Une règle n'a pas pu être évaluée (erreur interne, jamais une erreur de saisie)."""


class _Hote(durable_engine.Host):
    """Hôte durable_rules sans répartiteur en tâche de fond (pas de minuterie)."""

    def _run(self) -> None:  # noqa: D401 — remplace le démarrage des fils de durable_rules
        return None


def cle(chemin: str) -> str:
    """Nom d'attribut du fait durable_rules pour un chemin pointé (sans point)."""
    return chemin.replace(".", "__")


# --- Compilation des conditions en expressions durable_rules -------------------------------

def _comparaison(c: Comparaison, nie: bool) -> dict:
    champ = CHAMPS[c.champ]
    k = cle(c.champ)
    if c.operateur == "renseigne":
        present = c.valeur != nie
        return {"$ex" if present else "$nex": {k: 1}}
    if c.operateur in ("contient", "contient_un_de"):
        valeurs = c.valeur if isinstance(c.valeur, tuple) else (c.valeur,)
        drapeaux = [{cle(f"{c.champ}.{v}"): not nie} for v in valeurs]
        return et(drapeaux) if nie else ou(drapeaux)
    operateur = OPERATEURS[c.operateur]
    expr = (operateur.durable_nie if nie else operateur.durable)(k, c.valeur)
    if nie and champ.optionnel:
        # Un champ absent ne satisfait aucune comparaison : sa négation est donc vraie.
        expr = ou([expr, {"$nex": {k: 1}}])
    return expr


def compiler_condition(c: Condition, nie: bool = False) -> dict:
    """Expression durable_rules (sur le fait « situation ») équivalente à la condition."""
    if isinstance(c, Comparaison):
        return _comparaison(c, nie)
    if isinstance(c, Toutes):
        termes = [compiler_condition(t, nie) for t in c.termes]
        return ou(termes) if nie else et(termes)
    if isinstance(c, UneDe):
        termes = [compiler_condition(t, nie) for t in c.termes]
        return et(termes) if nie else ou(termes)
    if isinstance(c, Aucune):
        return compiler_condition(UneDe(c.termes), not nie)
    # « au_moins » et « conclusion.* » ne figurent qu'au premier niveau (le chargeur y veille) :
    # ils deviennent des motifs sur des faits, pas des expressions sur la situation.
    raise TypeError(f"condition non compilable ici : {c!r}")  # pragma: no cover


def _marqueurs(expr: Any) -> int:
    """Entrées de la séquence d'expressions de durable_rules : 2 par « $and » / « $or »."""
    if isinstance(expr, dict):
        return sum((2 if k in ("$and", "$or") else 0) + _marqueurs(v) for k, v in expr.items())
    if isinstance(expr, list):
        return sum(_marqueurs(e) for e in expr)
    return 0


# durable_rules refuse un motif dont la séquence atteint 32 entrées (MAX_SEQUENCE_EXPRESSIONS).
MAX_MARQUEURS = 31


class ConditionTropComplexe(ValueError):
    pass


def _type_conclusion(sorte: str) -> str:
    return f"conclusion_{sorte}"


def _motif_situation(termes: list[Condition]) -> dict:
    expr = et([{"t": _TYPE_SITUATION}] + [compiler_condition(t) for t in termes])
    if _marqueurs(expr) > MAX_MARQUEURS:
        raise ConditionTropComplexe(
            f"condition trop imbriquée pour durable_rules ({_marqueurs(expr) // 2} « toutes », "
            f"« une_de » ou « parmi » ; au plus {MAX_MARQUEURS // 2}) : découpez la règle"
        )
    return {"situation": expr}


@dataclass(frozen=True)
class Auxiliaire:
    """Une règle intermédiaire : quand ses motifs sont satisfaits (``compte`` fois, si
    donné), elle affirme ``fait`` une seule fois dans la session."""

    motifs: list[dict]
    fait: dict
    compte: int | None = None

    def definition(self, action: Any) -> dict:
        d: dict[str, Any] = {"all": self.motifs, "run": action}
        if self.compte is not None:
            d["count"] = self.compte
        return d


def compiler_regle(regle: Regle, index: int) -> tuple[list[dict], list[Auxiliaire]]:
    """Les motifs (``all``) d'une règle, et ses règles auxiliaires.

    Motifs : le fait « situation », et un fait par conclusion requise. Les comptes
    (« au_moins N parmi », « conclusion.x: {nombre_au_moins: N} ») passent par des règles
    auxiliaires : une par terme affirme un fait « terme » ; une autre, avec le ``count`` de
    durable_rules, affirme « atteint » dès que N faits sont là ; la règle exige ce fait. Le
    compte par lots de N ne tire qu'une fois par lot, là où N motifs corrélés tireraient
    une fois par combinaison (C(k, N) actions).
    """
    termes = regle.si.termes if isinstance(regle.si, Toutes) else (regle.si,)
    sur_situation = [t for t in termes if not isinstance(t, SurConclusion | AuMoins)]
    motifs: list[dict] = []
    auxiliaires: list[Auxiliaire] = []
    if sur_situation:
        motifs.append(_motif_situation(sur_situation))

    def atteint(j: int, type_compte: str, nombre: int) -> None:
        type_atteint = f"atteint_{index}_{j}"
        auxiliaires.append(Auxiliaire([{"m": {"t": type_compte}}], {"t": type_atteint, "v": 1},
                                      compte=nombre))
        motifs.append({f"c{j}": {"t": type_atteint}})

    for j, t in enumerate(termes):
        if isinstance(t, SurConclusion):
            type_fait = _type_conclusion(t.sorte)
            if t.operateur == "nombre_au_moins":
                atteint(j, type_fait, t.valeur)
            else:
                motifs.append({f"c{j}": et([{"t": type_fait}, {"v": t.valeur}])})
        elif isinstance(t, AuMoins):
            type_fait = f"terme_{index}_{j}"
            for k, sous_terme in enumerate(t.termes):
                auxiliaires.append(Auxiliaire([_motif_situation([sous_terme])],
                                              {"t": type_fait, "v": k}))
            atteint(j, type_fait, t.nombre)
    if not motifs:
        motifs.append(_motif_situation([]))
    return motifs, auxiliaires


# --- Le moteur ------------------------------------------------------------------------------


class Moteur:
    """Un référentiel compilé dans son propre hôte durable_rules."""

    _numero = itertools.count(1)

    def __init__(self, referentiel: Referentiel):
        self.referentiel = referentiel
        self.parametres = referentiel.valeurs_parametres
        self._verrou = threading.Lock()
        self._sessions = itertools.count(1)
        self._nom = f"orientation_{next(self._numero)}"
        # Seules les conclusions qu'une règle examine deviennent des faits.
        examinees = {(sc.sorte, None if sc.operateur == "nombre_au_moins" else sc.valeur)
                     for r in referentiel.regles for sc in r.conclusions_requises}
        a_chainer = [
            [{"t": _type_conclusion(s), "v": v} for s, v in r.alors.paires()
             if (s, v) in examinees or (s, None) in examinees]
            for r in referentiel.regles
        ]
        self._tirees: set[int] = set()
        self._chaines: set[tuple[str, Any]] = set()
        definition: dict[str, dict] = {}
        erreurs = []
        for i, r in enumerate(referentiel.regles):
            try:
                motifs, auxiliaires = compiler_regle(r, i)
            except ConditionTropComplexe as e:
                erreurs.append(f"{r.fichier}, ligne {r.ligne}, règle {r.id} : {e}")
                continue
            definition[f"r{i}"] = {"all": motifs, "run": self._action(i, a_chainer[i])}
            for k, aux in enumerate(auxiliaires):
                definition[f"r{i}_a{k}"] = aux.definition(self._action(None, [aux.fait]))
        if erreurs:
            raise ErreurReferentiel(erreurs)
        # Sentinelle : toute situation tire au moins cette règle. Sans elle, une situation
        # qu'aucune règle ne retient laisse une session inachevée dont ``delete_state`` fait
        # planter le processus (« free(): invalid size », durable_rules 2.0.28).
        definition["sentinelle"] = {"all": [{"situation": {"t": _TYPE_SITUATION}}],
                                    "run": self._action(None, [])}
        self._hote = _Hote()
        self._hote.register_rulesets({self._nom: definition})

    def _action(self, index: int | None, faits: list[dict]):
        """L'action d'une règle : la noter tirée, et affirmer ses conclusions chaînables."""

        def tirer(c: Any) -> None:
            if index is not None:
                self._tirees.add(index)
            for fait in faits:
                if (fait["t"], fait["v"]) not in self._chaines:
                    self._chaines.add((fait["t"], fait["v"]))
                    try:
                        c.assert_fact(dict(fait))
                    except durable_engine.MessageNotHandledException:
                        pass  # le fait attend d'autres faits pour compléter un motif

        return tirer

    def regles_tirees(self, fait: dict[str, Any]) -> list[Regle]:
        """Les règles tirées pour ce fait, dans l'ordre du référentiel."""
        donnees = {cle(k): v for k, v in fait.items()}
        with self._verrou:
            sid = str(next(self._sessions))
            donnees.update(sid=sid, t=_TYPE_SITUATION)
            self._tirees, self._chaines = set(), set()
            try:
                etat = self._hote.assert_fact(self._nom, donnees)
            finally:
                self._hote.delete_state(self._nom, sid)
            if isinstance(etat, dict) and "exception" in etat:
                raise ErreurMoteur(f"une règle a échoué : {etat['exception']}")
            tirees = sorted(self._tirees)
        return [self.referentiel.regles[i] for i in tirees]

    def screen(self, situation: Situation) -> Orientation:
        fait = construire_fait(situation, self.parametres)
        return assembler(self.referentiel, situation, fait, self.regles_tirees(fait))


_defaut: Moteur | None = None
_verrou_defaut = threading.Lock()


def moteur_par_defaut() -> Moteur:
    """Le moteur du référentiel livré, construit une fois par processus."""
    global _defaut
    with _verrou_defaut:
        if _defaut is None:
            _defaut = Moteur(referentiel_par_defaut())
        return _defaut


def charger_moteur(dossier: Path | str) -> Moteur:
    """Un moteur neuf sur un autre dossier de règles (essais, référentiel modifié)."""
    return Moteur(charger_referentiel(dossier))


def screen(situation: Situation, moteur: Moteur | None = None) -> Orientation:
    """Repère la complexité d'un parcours et propose acteurs et fonctions d'appui."""
    return (moteur or moteur_par_defaut()).screen(situation)
