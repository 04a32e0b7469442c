"""Les scénarios des experts du domaine (``features/``), vus par ``orientation rules check``.

Les fichiers ``.feature`` sont écrits en Gherkin français (``# language: fr``) par des
médecins, des coordinateurs de DAC, des travailleurs sociaux : ils sont la spécification
vivante du référentiel, exécutée par pytest-bdd (``tests/test_features.py``). Ce module ne
les exécute pas ; il vérifie ce qui doit l'être sans lancer les tests :

- chaque règle de ``rules/`` est illustrée par au moins un scénario qui porte son
  identifiant en étiquette (``@R-SANTE-POLYMEDICATION``, sur la ``Règle`` Gherkin, le
  scénario ou son tableau d'exemples) ;
- toute étiquette de la forme ``@R-…`` nomme une règle connue ;
- chaque fichier commence par ``# language: fr`` et se lit sans erreur de syntaxe ;
- aucun scénario n'est vide et aucun plan du scénario n'est sans exemples : en français,
  ``Exemple:`` (au singulier) commence un *nouveau* scénario, seul ``Exemples:`` ouvre un
  tableau ; l'erreur de frappe laisse un plan sans exemples et un scénario sans étape.

Chaque erreur nomme le fichier et la ligne.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gherkin.errors import CompositeParserException, ParserException
from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

from orientation.referentiel import Referentiel

EN_TETE = "# language: fr"
_PARAMETRE = re.compile(r"<[^<>\s][^<>]*>")
_ETIQUETTE_REGLE = re.compile(r"^@r-", re.IGNORECASE)


@dataclass(frozen=True)
class Etiquette:
    nom: str  # sans « @ »
    fichier: str
    ligne: int


@dataclass
class ScenarioLu:
    fichier: str
    ligne: int
    nom: str
    etiquettes: set[str] = field(default_factory=set)  # y compris celles héritées
    nb_cas: int = 1  # un par ligne d'exemples pour un plan du scénario
    fonctionnalite: str = ""


@dataclass
class Analyse:
    """Ce que contiennent les fichiers ``.feature`` d'un dossier."""

    scenarios: list[ScenarioLu] = field(default_factory=list)
    etiquettes: list[Etiquette] = field(default_factory=list)
    erreurs: list[str] = field(default_factory=list)
    fichiers: list[str] = field(default_factory=list)

    @property
    def nb_cas(self) -> int:
        return sum(s.nb_cas for s in self.scenarios)

    @property
    def regles_couvertes(self) -> set[str]:
        return {e for s in self.scenarios for e in s.etiquettes}


def dossier_features_par_defaut() -> Path:
    """Le dossier ``features/`` : celui du paquet installé, sinon celui du dépôt."""
    installe = Path(__file__).parents[1] / "features"
    if installe.is_dir():
        return installe
    return Path(__file__).resolve().parents[3] / "features"


def _noms(etiquettes: Iterable[dict[str, Any]]) -> set[str]:
    return {t["name"].removeprefix("@") for t in etiquettes}


def _parametres(scenario: dict[str, Any]) -> list[str]:
    textes = [scenario.get("name", "")] + [s["text"] for s in scenario.get("steps", [])]
    for s in scenario.get("steps", []):
        table = s.get("dataTable") or {}
        for rang in table.get("rows", []):
            textes += [c["value"] for c in rang["cells"]]
    return sorted({p for t in textes for p in _PARAMETRE.findall(t)})


def _scenarios(enfants: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], set[str]]]:
    """Les scénarios d'une fonctionnalité, avec les étiquettes de leur ``Règle``."""
    for enfant in enfants:
        if "scenario" in enfant:
            yield enfant["scenario"], set()
        elif "rule" in enfant:
            regle = enfant["rule"]
            for s, _ in _scenarios(regle.get("children", [])):
                yield s, _noms(regle.get("tags", []))


def _lire(chemin: Path, nom: str, analyse: Analyse) -> None:
    try:
        texte = chemin.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        analyse.erreurs.append(f"{nom} : le fichier n'est pas en UTF-8")
        return
    premiere = next((ligne.strip() for ligne in texte.splitlines() if ligne.strip()), "")
    if premiere.replace(" ", "") != EN_TETE.replace(" ", ""):
        analyse.erreurs.append(
            f"{nom}, ligne 1 : le fichier doit commencer par « {EN_TETE} » (sans elle, les "
            "mots-clés français Fonctionnalité, Scénario, Soit… ne sont pas reconnus)"
        )
        return
    try:
        document = Parser().parse(TokenScanner(texte))
    except CompositeParserException as e:
        for err in e.errors:
            analyse.erreurs.append(_erreur_syntaxe(nom, err))
        return
    except ParserException as e:
        analyse.erreurs.append(_erreur_syntaxe(nom, e))
        return
    fonctionnalite = document.get("feature")
    if not fonctionnalite:
        analyse.erreurs.append(f"{nom} : aucune « Fonctionnalité » dans le fichier")
        return

    def noter(etiquettes: list[dict[str, Any]]) -> None:
        for t in etiquettes:
            analyse.etiquettes.append(
                Etiquette(t["name"].removeprefix("@"), nom, t["location"]["line"]))

    noter(fonctionnalite.get("tags", []))
    communes = _noms(fonctionnalite.get("tags", []))
    for enfant in fonctionnalite.get("children", []):
        if "rule" in enfant:
            regle = enfant["rule"]
            noter(regle.get("tags", []))
            if not any("scenario" in c for c in regle.get("children", [])):
                analyse.erreurs.append(
                    f"{nom}, ligne {regle['location']['line']} : la règle « {regle['name']} » "
                    "ne contient aucun scénario")
    for scenario, de_la_regle in _scenarios(fonctionnalite.get("children", [])):
        ligne = scenario["location"]["line"]
        noter(scenario.get("tags", []))
        etiquettes = communes | de_la_regle | _noms(scenario.get("tags", []))
        for exemples in scenario.get("examples", []):
            noter(exemples.get("tags", []))
            etiquettes |= _noms(exemples.get("tags", []))
        titre = scenario.get("name") or "(sans nom)"
        if not scenario.get("steps"):
            singulier = " (« Exemple: » au singulier commence un nouveau scénario ; un tableau " \
                        "d'exemples s'écrit « Exemples: »)" if scenario["keyword"].strip() \
                        .lower() == "exemple" else ""
            analyse.erreurs.append(
                f"{nom}, ligne {ligne} : le scénario « {titre} » n'a aucune étape{singulier}")
            continue
        parametres = _parametres(scenario)
        exemples = scenario.get("examples", [])
        if parametres or exemples:
            if not exemples:
                analyse.erreurs.append(
                    f"{nom}, ligne {ligne} : le plan du scénario « {titre} » utilise "
                    f"{', '.join(parametres)} mais n'a aucun tableau « Exemples: » (« Exemple: » "
                    "au singulier commence un nouveau scénario)")
                continue
            for tableau in exemples:
                if not tableau.get("tableHeader") or not tableau.get("tableBody"):
                    analyse.erreurs.append(
                        f"{nom}, ligne {tableau['location']['line']} : le tableau « Exemples » "
                        f"du plan du scénario « {titre} » est vide (il faut une ligne d'en-tête "
                        "et au moins une ligne d'exemple)")
        nb_cas = sum(len(t.get("tableBody", [])) for t in exemples) or 1
        analyse.scenarios.append(ScenarioLu(nom, ligne, titre, etiquettes, nb_cas,
                                            fonctionnalite.get("name", "")))


def _erreur_syntaxe(nom: str, err: Exception) -> str:
    lieu = getattr(err, "location", None) or {}
    ligne = f", ligne {lieu['line']}" if lieu.get("line") else ""
    message = re.sub(r"^\(\d+:\d+\):\s*", "", str(err))
    return f"{nom}{ligne} : Gherkin invalide — {message}"


def analyser(dossier: Path | str) -> Analyse:
    """Lit tous les ``.feature`` de ``dossier`` (sous-dossiers compris)."""
    dossier = Path(dossier)
    analyse = Analyse()
    if not dossier.is_dir():
        analyse.erreurs.append(f"{dossier} : dossier de scénarios introuvable")
        return analyse
    chemins = sorted(dossier.rglob("*.feature"))
    if not chemins:
        analyse.erreurs.append(f"{dossier} : aucun fichier .feature")
    for chemin in chemins:
        nom = f"{dossier.name}/{chemin.relative_to(dossier).as_posix()}"
        analyse.fichiers.append(nom)
        _lire(chemin, nom, analyse)
    return analyse


def verifier(referentiel: Referentiel, dossier: Path | str) -> tuple[Analyse, list[str]]:
    """Les erreurs de ``features/`` au regard du référentiel (liste vide : tout va bien)."""
    analyse = analyser(dossier)
    erreurs = list(analyse.erreurs)
    connues = [r.id for r in referentiel.regles]
    for e in analyse.etiquettes:
        if _ETIQUETTE_REGLE.match("@" + e.nom) and e.nom not in connues:
            proches = difflib.get_close_matches(e.nom.upper(), connues, n=1)
            aide = f" ; vouliez-vous dire @{proches[0]} ?" if proches else ""
            erreurs.append(f"{e.fichier}, ligne {e.ligne} : l'étiquette @{e.nom} ne nomme aucune "
                           f"règle du référentiel{aide}")
    if analyse.fichiers:
        couvertes = analyse.regles_couvertes
        for r in referentiel.regles:
            if r.id not in couvertes:
                erreurs.append(f"{r.fichier}, ligne {r.ligne}, règle {r.id} : aucun scénario de "
                               f"{Path(dossier).name}/ ne porte l'étiquette @{r.id}")
    return analyse, erreurs
