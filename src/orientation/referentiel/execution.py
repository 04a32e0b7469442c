"""Exécuter les scénarios Gherkin en mémoire, sans pytest : avec le glossaire des étapes.

pytest-bdd exécute ``features/`` dans la suite de tests ; ce module fait la même chose dans le
processus qui l'appelle, pour ceux qui ne lancent pas pytest :
- la page « Scénarios des experts » de l'application (état de chaque scénario, explication
  d'un échec, scénario écrit dans le navigateur et exécuté aussitôt) ;
- ``orientation rules diff`` (les situations que décrivent les scénarios, repérées avec deux
  référentiels).

Les scénarios sont lus par gherkin-official (comme ``scenarios.py`` et pytest-bdd) puis
« compilés » en cas (*pickles*) : un plan du scénario donne un cas par ligne d'exemples, le
``Contexte`` est recopié devant chaque scénario, « Et » prend le genre de l'étape qui le
précède. Chaque étape est cherchée dans le glossaire comme pytest-bdd le fait
(``parsers.re`` : le motif doit couvrir toute la phrase, parmi les phrases du même genre).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gherkin.errors import CompositeParserException, ParserException
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler
from gherkin.token_scanner import TokenScanner

from orientation.evaluation.moteur import Moteur
from orientation.referentiel import glossaire
from orientation.referentiel.glossaire import Dossier, MessageScenario, Phrase
from orientation.referentiel.scenarios import EN_TETE, _erreur_syntaxe

TAILLE_MAX_TEXTE = 200_000  # caractères d'un scénario écrit dans le navigateur
CAS_MAX = 2_000  # cas d'un seul texte (un plan du scénario et ses exemples)
_GENRES = {"Context": "Soit", "Action": "Quand", "Outcome": "Alors"}


class ErreurGherkin(ValueError):
    """Un texte Gherkin illisible ; ``erreurs`` : messages en français, avec la ligne."""

    def __init__(self, erreurs: list[str]):
        self.erreurs = erreurs
        super().__init__("\n".join(erreurs))


@dataclass(frozen=True)
class Etape:
    mot_cle: str  # tel qu'écrit : « Soit », « Et », « Alors »…
    genre: str  # Soit, Quand, Alors (« Et » résolu), ou "" s'il est inconnu
    texte: str
    ligne: int
    tableau: tuple[tuple[str, ...], ...] | None = None

    @property
    def lisible(self) -> str:
        return f"{self.mot_cle} {self.texte}"


@dataclass(frozen=True)
class Cas:
    """Un scénario à exécuter (un plan du scénario en donne un par ligne d'exemples)."""

    fichier: str
    ligne: int  # ligne du scénario (ou de la ligne d'exemples d'un plan)
    nom: str
    etiquettes: tuple[str, ...]
    etapes: tuple[Etape, ...]

    @property
    def lieu(self) -> str:
        return f"Scénario « {self.nom} » ({self.fichier}, ligne {self.ligne})"


@dataclass
class Issue:
    """Ce qu'a donné l'exécution d'un cas."""

    cas: Cas
    reussi: bool
    explication: str = ""  # en français, vide si le cas réussit
    etape: Etape | None = None  # l'étape en échec
    dossier: Dossier = field(default_factory=Dossier)


# --- Lecture ----------------------------------------------------------------------------------


def _index_etapes(document: dict[str, Any]) -> tuple[dict[str, dict], dict[str, int]]:
    """Les étapes du document par identifiant (mot-clé et ligne d'origine), et la ligne de
    chaque scénario et de chaque ligne d'exemples."""
    etapes: dict[str, dict] = {}
    lignes: dict[str, int] = {}

    def parcourir(noeud: Any) -> None:
        if isinstance(noeud, dict):
            if "keyword" in noeud and "text" in noeud and "id" in noeud:
                etapes[noeud["id"]] = noeud
            elif "id" in noeud and "location" in noeud:
                lignes[noeud["id"]] = noeud["location"]["line"]
            for valeur in noeud.values():
                parcourir(valeur)
        elif isinstance(noeud, list):
            for valeur in noeud:
                parcourir(valeur)

    parcourir(document)
    return etapes, lignes


def lire_texte(texte: str, nom: str = "scénario.feature") -> list[Cas]:
    """Les cas d'un texte Gherkin français ; ``ErreurGherkin`` s'il est illisible."""
    if len(texte) > TAILLE_MAX_TEXTE:
        raise ErreurGherkin([f"{nom} : texte trop long ({len(texte)} caractères ; au plus "
                             f"{TAILLE_MAX_TEXTE})"])
    premiere = next((ligne.strip() for ligne in texte.splitlines() if ligne.strip()), "")
    if premiere.replace(" ", "") != EN_TETE.replace(" ", ""):
        raise ErreurGherkin([f"{nom}, ligne 1 : le texte doit commencer par « {EN_TETE} » "
                             "(sans elle, les mots-clés français Fonctionnalité, Scénario, "
                             "Soit… ne sont pas reconnus)"])
    try:
        document = Parser().parse(TokenScanner(texte))
    except CompositeParserException as e:
        raise ErreurGherkin([_erreur_syntaxe(nom, err) for err in e.errors]) from None
    except ParserException as e:
        raise ErreurGherkin([_erreur_syntaxe(nom, e)]) from None
    except RecursionError:  # pragma: no cover — garde-fou
        raise ErreurGherkin([f"{nom} : texte trop imbriqué"]) from None
    if not document.get("feature"):
        raise ErreurGherkin([f"{nom} : aucune « Fonctionnalité » dans le texte"])
    pickles = Compiler().compile({**document, "uri": nom})
    if len(pickles) > CAS_MAX:
        raise ErreurGherkin([f"{nom} : {len(pickles)} cas ; au plus {CAS_MAX} à la fois"])
    etapes_ast, lignes = _index_etapes(document)
    cas = []
    for p in pickles:
        etapes = []
        for s in p["steps"]:
            ast = etapes_ast.get(s["astNodeIds"][0], {})
            table = (s.get("argument") or {}).get("dataTable")
            tableau = (tuple(tuple(c["value"] for c in rang["cells"]) for rang in table["rows"])
                       if table else None)
            etapes.append(Etape(ast.get("keyword", "").strip() or _GENRES.get(s["type"], "*"),
                                _GENRES.get(s.get("type", ""), ""), s["text"],
                                ast.get("location", {}).get("line", 0), tableau))
        ligne = lignes.get(p["astNodeIds"][-1], lignes.get(p["astNodeIds"][0], 0))
        cas.append(Cas(nom, ligne, p["name"] or "(sans nom)",
                       tuple(t["name"].removeprefix("@") for t in p.get("tags", [])),
                       tuple(etapes)))
    return cas


def lire_dossier(dossier: Path | str) -> tuple[list[Cas], list[str]]:
    """Les cas de tous les ``.feature`` d'un dossier, et les erreurs de lecture."""
    dossier = Path(dossier)
    cas: list[Cas] = []
    erreurs: list[str] = []
    for chemin in sorted(dossier.rglob("*.feature")):
        nom = f"{dossier.name}/{chemin.relative_to(dossier).as_posix()}"
        try:
            cas.extend(lire_texte(chemin.read_text(encoding="utf-8"), nom))
        except ErreurGherkin as e:
            erreurs.extend(e.erreurs)
        except UnicodeDecodeError:
            erreurs.append(f"{nom} : le fichier n'est pas en UTF-8")
    return cas, erreurs


# --- Les étapes et le glossaire ---------------------------------------------------------------


class EtapeInconnue(MessageScenario):
    """Aucune phrase du glossaire ne correspond à l'étape."""


def texte_phrase_inconnue(texte: str) -> str:
    """Ce qu'on répond à une phrase absente du glossaire : les plus proches, et où regarder."""
    proches = glossaire.phrases_proches(texte)
    return ("Cette phrase n'est pas dans le glossaire des étapes (features/README.md)."
            + ("\nPhrases proches :\n" + "\n".join(f"  - {p}" for p in proches)
               if proches else "\nAucune phrase proche : voir la liste des phrases."))


def trouver_phrase(etape: Etape) -> tuple[Phrase, dict[str, Any]]:
    """La phrase du glossaire qui couvre l'étape, et les valeurs lues (converties)."""
    for phrase in glossaire.GLOSSAIRE:
        if etape.genre and phrase.mot_cle != etape.genre:
            continue
        trouve = phrase.expression.fullmatch(etape.texte)
        if trouve is None:
            continue
        valeurs = {}
        for nom, valeur in trouve.groupdict().items():
            conversion = phrase.convertisseurs.get(nom)
            valeurs[nom] = conversion(valeur) if conversion and valeur is not None else valeur
        return phrase, valeurs
    raise EtapeInconnue(texte_phrase_inconnue(etape.texte))


def _appeler(phrase: Phrase, valeurs: dict[str, Any], etape: Etape, dossier: Dossier) -> None:
    parametres = inspect.signature(phrase.fonction).parameters
    arguments = {k: v for k, v in valeurs.items() if k in parametres}
    if "dossier" in parametres:
        arguments["dossier"] = dossier
    if "datatable" in parametres:
        if etape.tableau is None:
            raise MessageScenario("Cette phrase attend un tableau (lignes « | … | … | ») sous "
                                  "l'étape.")
        arguments["datatable"] = [list(rang) for rang in etape.tableau]
    phrase.fonction(**arguments)


def executer(cas: Cas, moteur: Moteur | None = None, jusqu_a: str | None = None) -> Issue:
    """Exécute un cas avec le moteur donné (par défaut le référentiel livré) ; ``jusqu_a`` :
    s'arrêter avant la première étape de ce genre (« Quand » : seulement décrire la
    situation). Ne lève jamais : un échec est une ``Issue`` avec son explication."""
    dossier = Dossier()
    if moteur is not None:
        with glossaire.avec_moteur(moteur):
            return _executer(cas, dossier, jusqu_a)
    return _executer(cas, dossier, jusqu_a)


def _executer(cas: Cas, dossier: Dossier, jusqu_a: str | None) -> Issue:
    if not cas.etapes:
        return Issue(cas, False, f"{cas.lieu}\n\nLe scénario n'a aucune étape.", None, dossier)
    for etape in cas.etapes:
        if jusqu_a and etape.genre == jusqu_a:
            break
        try:
            phrase, valeurs = trouver_phrase(etape)
            _appeler(phrase, valeurs, etape, dossier)
        except MessageScenario as e:
            return Issue(cas, False, f"{lieu_etape(cas, etape)}\n\n{e}", etape, dossier)
        except Exception as e:  # noqa: BLE001 — une phrase défaillante ne fait pas tomber la page
            return Issue(cas, False, f"{lieu_etape(cas, etape)}\n\nErreur interne du glossaire "
                                     f"({type(e).__name__} : {e}) : à signaler aux développeurs.",
                         etape, dossier)
    return Issue(cas, True, "", None, dossier)


def lieu_etape(cas: Cas, etape: Etape) -> str:
    return f"{cas.lieu}\nÉtape, ligne {etape.ligne} : {etape.lisible}"


def executer_tous(cas: Iterable[Cas], moteur: Moteur | None = None) -> list[Issue]:
    return [executer(c, moteur) for c in cas]


def situation_du_cas(cas: Cas) -> dict[str, Any] | None:
    """La situation que décrit un cas (ses étapes avant « Quand »), ou None si elle ne peut
    pas être décrite (phrase inconnue ou incomplète)."""
    issue = executer(cas, jusqu_a="Quand")
    return issue.dossier.donnees if issue.reussi and issue.dossier.donnees else None
