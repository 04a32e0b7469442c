"""Un second évaluateur du référentiel, compilé en Python, pour les cohortes.

durable_rules reste le moteur des repérages un par un et de leurs explications
(``engine.py``) ; il coûte environ 25 µs par règle tirée, trop pour repérer un territoire
(des centaines de milliers de patients). Ce module compile **le même référentiel** — le
même arbre de conditions (``referentiel.py``) — en une fonction Python par règle : le texte
source est engendré depuis l'arbre, puis ``compile()``. Aucune règle n'est écrite à la main.

Sémantique (celle du moteur et de ``evaluation.py``) :
- un champ absent du fait ne satisfait aucune comparaison ; ``renseigne`` teste sa présence ;
- ``conclusion.*`` examine l'ensemble des valeurs conclues par les règles tirées (une règle
  qui conclut le niveau « coordonne » ajoute « coordonne », même si une autre conclut
  « complexe »), comme les faits ``conclusion_*`` du moteur ;
- chaînage stratifié : les règles qui n'examinent aucune conclusion sont évaluées une fois ;
  celles qui en examinent sont réévaluées jusqu'au point fixe (les conclusions ne se
  retirent jamais : le plus petit point fixe ne dépend pas de l'ordre).

Un test différentiel (``tests/test_evaluateur.py``) compare ses résultats à ceux de
``screen()`` sur une cohorte synthétique où chaque règle tire au moins une fois.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from orientation.evaluation.operateurs import OPERATEURS
from orientation.referentiel import (
    Aucune,
    AuMoins,
    Comparaison,
    Condition,
    Referentiel,
    Regle,
    SurConclusion,
    Toutes,
    UneDe,
)
from orientation.situation.faits import CHAMPS

# Les opérateurs de comparaison, tels que le registre les teste (une valeur ou une colonne).
_TESTS = {nom: o.teste for nom, o in OPERATEURS.items()}
_SIMPLES = (bool, int, float, str)


def _constante(valeur: Any) -> str:
    """Une valeur du référentiel en littéral Python (types simples seulement)."""
    if isinstance(valeur, tuple):
        if not all(isinstance(v, _SIMPLES) for v in valeur):
            raise TypeError(f"valeur non compilable : {valeur!r}")  # pragma: no cover
        return "(" + "".join(f"{v!r}, " for v in valeur) + ")"
    if not isinstance(valeur, _SIMPLES):
        raise TypeError(f"valeur non compilable : {valeur!r}")  # pragma: no cover
    return repr(valeur)


def _comparaison(c: Comparaison) -> str:
    if c.operateur in ("contient", "contient_un_de"):
        valeurs = c.valeur if isinstance(c.valeur, tuple) else (c.valeur,)
        return "(" + " or ".join(f"g({f'{c.champ}.{v}'!r}, False)" for v in valeurs) + ")"
    cle = repr(c.champ)
    if c.operateur == "renseigne":
        return f"({cle} {'in' if c.valeur else 'not in'} f)"
    test = f"O[{c.operateur!r}](f[{cle}], {_constante(c.valeur)})"
    champ = CHAMPS.get(c.champ)
    if champ is None or champ.optionnel:
        return f"({cle} in f and {test})"
    return f"({test})"


def source_condition(c: Condition) -> str:
    """Expression Python équivalente à ``trace.evaluer(c, f, C).vraie`` (``g = f.get``)."""
    if isinstance(c, Comparaison):
        return _comparaison(c)
    if isinstance(c, SurConclusion):
        if c.operateur == "nombre_au_moins":
            return f"(len(C[{c.sorte!r}]) >= {_constante(c.valeur)})"
        return f"({_constante(c.valeur)} in C[{c.sorte!r}])"
    termes = [source_condition(t) for t in c.termes]
    if isinstance(c, Toutes):
        return "(" + " and ".join(termes) + ")" if termes else "True"
    if isinstance(c, UneDe):
        return "(" + " or ".join(termes) + ")" if termes else "False"
    if isinstance(c, Aucune):
        return "(not (" + " or ".join(termes) + "))" if termes else "True"
    if isinstance(c, AuMoins):
        return f"(({' + '.join(termes) if termes else '0'}) >= {c.nombre})"
    raise TypeError(c)  # pragma: no cover


def _examine_conclusions(c: Condition) -> bool:
    if isinstance(c, SurConclusion):
        return True
    return any(_examine_conclusions(t) for t in getattr(c, "termes", ()))


SORTES = ("secteurs", "parcours", "appuis", "alertes", "clusters", "niveau", "pps", "urgence")


class EvaluateurCompile:
    """Le référentiel compilé en fonctions Python ; ``regles_tirees`` comme ``Moteur``."""

    def __init__(self, referentiel: Referentiel):
        self.referentiel = referentiel
        self.parametres = referentiel.valeurs_parametres
        regles = referentiel.regles
        self._simples = [i for i, r in enumerate(regles) if not _examine_conclusions(r.si)]
        self._chainees = [i for i, r in enumerate(regles) if _examine_conclusions(r.si)]
        self._conclusions = [r.alors.paires() for r in regles]
        lignes = ["def simples(f):", "    g = f.get", "    t = []", "    a = t.append"]
        for i in self._simples:
            lignes.append(f"    if {source_condition(regles[i].si)}: a({i})  # {regles[i].id}")
        lignes.append("    return t")
        for i in self._chainees:
            lignes.append(f"def chainee_{i}(f, C):  # {regles[i].id}")
            lignes.append("    g = f.get")
            lignes.append(f"    return {source_condition(regles[i].si)}")
        self.source = "\n".join(lignes) + "\n"
        espace: dict[str, Any] = {"O": _TESTS}
        exec(compile(self.source, "<référentiel compilé>", "exec"), espace)  # noqa: S102
        self._evaluer_simples: Callable[[Mapping[str, Any]], list[int]] = espace["simples"]
        self._fonctions_chainees: list[tuple[int, Callable[..., bool]]] = [
            (i, espace[f"chainee_{i}"]) for i in self._chainees]

    def indices_tires(self, fait: Mapping[str, Any]) -> list[int]:
        """Indices (ordre du référentiel) des règles tirées : le plus petit point fixe."""
        tirees = self._evaluer_simples(fait)
        if not self._fonctions_chainees:
            return tirees
        conclus: dict[str, set] = {s: set() for s in SORTES}
        for i in tirees:
            for sorte, valeur in self._conclusions[i]:
                conclus[sorte].add(valeur)
        restantes = self._fonctions_chainees
        change = True
        while change and restantes:
            change = False
            encore = []
            for i, fonction in restantes:
                if fonction(fait, conclus):
                    tirees.append(i)
                    for sorte, valeur in self._conclusions[i]:
                        conclus[sorte].add(valeur)
                    change = True
                else:
                    encore.append((i, fonction))
            restantes = encore
        tirees.sort()
        return tirees

    def regles_tirees(self, fait: Mapping[str, Any]) -> list[Regle]:
        return [self.referentiel.regles[i] for i in self.indices_tires(fait)]


# --- Évaluation vectorielle (une colonne numpy par champ du fait) ------------------------------


def _source_vecteur(c: Condition, partages: dict[str, int] | None = None) -> str:
    """Expression numpy équivalente à ``source_condition`` sur des colonnes : ``V[k]`` les
    valeurs, ``P[k]`` la présence (champs optionnels), ``C[(sorte, valeur)]`` les
    conclusions, ``nombre(sorte)`` le nombre de valeurs conclues d'une sorte.

    ``partages`` : chaque sous-expression qui ne lit pas les conclusions y est rangée une
    fois (ses sous-expressions avant elle) et devient ``K[i]`` — calculée une fois par lot
    pour toutes les règles qui la partagent (``EvaluateurVectoriel``)."""
    source = _source_noeud(c, partages)
    if partages is None or _examine_conclusions(c):
        return source
    return f"K[{partages.setdefault(source, len(partages))}]"


def _source_noeud(c: Condition, partages: dict[str, int] | None) -> str:
    if isinstance(c, Comparaison):
        if c.operateur in ("contient", "contient_un_de"):
            valeurs = c.valeur if isinstance(c.valeur, tuple) else (c.valeur,)
            return "(" + " | ".join(f"V[{f'{c.champ}.{v}'!r}]" for v in valeurs) + ")"
        cle = repr(c.champ)
        if c.operateur == "renseigne":
            return f"P[{cle}]" if c.valeur else f"(~P[{cle}])"
        test = f"O[{c.operateur!r}](V[{cle}], {_constante(c.valeur)})"
        champ = CHAMPS.get(c.champ)
        if champ is None or champ.optionnel:
            return f"(P[{cle}] & {test})"
        return test
    if isinstance(c, SurConclusion):
        if c.operateur == "nombre_au_moins":
            return f"(nombre({c.sorte!r}) >= {_constante(c.valeur)})"
        return f"C[({c.sorte!r}, {_constante(c.valeur)})]"
    termes = [_source_vecteur(t, partages) for t in c.termes]
    if isinstance(c, Toutes):
        return "(" + " & ".join(termes) + ")" if termes else "VRAI"
    if isinstance(c, UneDe):
        return "(" + " | ".join(termes) + ")" if termes else "FAUX"
    if isinstance(c, Aucune):
        return "(~(" + " | ".join(termes) + "))" if termes else "VRAI"
    if isinstance(c, AuMoins):
        somme = " + ".join(f"{t}.astype(np.int16)" for t in termes) if termes else "0"
        return f"(({somme}) >= {c.nombre})"
    raise TypeError(c)  # pragma: no cover


class EvaluateurVectoriel:
    """Le référentiel compilé en expressions numpy : toutes les lignes d'un bloc à la fois.

    ``tirer(V, P, n)`` rend la matrice (n lignes × règles) des règles tirées ; ``V`` donne
    pour chaque clé du fait une colonne de valeurs (valeur quelconque du bon type là où le
    champ est absent), ``P`` la colonne de présence des champs optionnels.
    """

    def __init__(self, referentiel: Referentiel):
        import numpy as np

        self.referentiel = referentiel
        regles = referentiel.regles
        self._simples = [i for i, r in enumerate(regles) if not _examine_conclusions(r.si)]
        self._chainees = [i for i, r in enumerate(regles) if _examine_conclusions(r.si)]
        self._par_conclusion: dict[tuple[str, Any], list[int]] = {}
        examinees = {c.sorte for i in self._chainees for c in _sur_conclusions(regles[i].si)}
        for i, r in enumerate(regles):
            for sorte_valeur in r.alors.paires():
                if sorte_valeur[0] in examinees:  # seules les sortes que le chaînage examine
                    self._par_conclusion.setdefault(sorte_valeur, []).append(i)
        # Les sous-expressions sans conclusion, partagées entre règles (« l'aidant est
        # épuisé », « GIR ≤ 4 »…), calculées une fois par lot dans « partagees », puis les
        # règles : mêmes valeurs, 2 fois moins d'opérations sur ce référentiel.
        partages: dict[str, int] = {}
        regles_source = [_source_vecteur(r.si, partages) for r in regles]
        lignes = ["def partagees(V, P, VRAI, FAUX):", f"    K = [None] * {len(partages)}"]
        lignes += [f"    K[{i}] = {source}" for source, i in partages.items()]
        lignes.append("    return K")
        for i, (r, source) in enumerate(zip(regles, regles_source, strict=True)):
            lignes.append(f"def r{i}(V, P, C, nombre, VRAI, FAUX, K):  # {r.id}")
            lignes.append(f"    return {source}")
        self.source = "\n".join(lignes) + "\n"
        espace: dict[str, Any] = {"np": np, "O": _TESTS}
        exec(compile(self.source, "<référentiel vectorisé>", "exec"), espace)  # noqa: S102
        self._partagees = espace["partagees"]
        self._fonctions = [espace[f"r{i}"] for i in range(len(regles))]
        self.cles = sorted({c.champ for r in regles for c in _comparaisons(r.si)})

    def tirer(self, V: Mapping[str, Any], P: Mapping[str, Any], n: int):
        import numpy as np

        vrai, faux = np.ones(n, dtype=bool), np.zeros(n, dtype=bool)
        tirees = np.zeros((n, len(self._fonctions)), dtype=bool, order="F")  # par colonne
        conclus: dict[tuple[str, Any], Any] = {}

        class _Conclus(dict):
            def __missing__(self, cle):
                return faux

        comptes: dict[str, Any] = {}  # nombre de valeurs conclues par sorte, à chaque tour

        def maj() -> None:
            conclus.clear()
            comptes.clear()
            for cle, indices in self._par_conclusion.items():
                conclus[cle] = tirees[:, indices].any(axis=1)

        def nombre(sorte: str):
            compte = comptes.get(sorte)
            if compte is None:  # compté une fois par tour, additionné sur place
                compte = np.zeros(n, dtype=np.int16)
                for (s, _), v in conclus.items():
                    if s == sorte:
                        compte += v
                comptes[sorte] = compte
            return compte

        K = self._partagees(V, P, vrai, faux)
        for i in self._simples:
            tirees[:, i] = self._fonctions[i](V, P, None, nombre, vrai, faux, K)
        change = bool(self._chainees)
        while change:
            maj()
            vue = _Conclus(conclus)
            change = False
            for i in self._chainees:
                nouveau = tirees[:, i] | self._fonctions[i](V, P, vue, nombre, vrai, faux, K)
                if (nouveau != tirees[:, i]).any():
                    tirees[:, i] = nouveau
                    change = True
        return tirees


def _sur_conclusions(c: Condition):
    if isinstance(c, SurConclusion):
        yield c
    for t in getattr(c, "termes", ()):
        yield from _sur_conclusions(t)


def _comparaisons(c: Condition):
    if isinstance(c, Comparaison):
        if c.operateur in ("contient", "contient_un_de"):
            valeurs = c.valeur if isinstance(c.valeur, tuple) else (c.valeur,)
            for v in valeurs:
                yield Comparaison(f"{c.champ}.{v}", "egal", True)
        else:
            yield c
    for t in getattr(c, "termes", ()):
        yield from _comparaisons(t)
