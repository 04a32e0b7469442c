"""Lire un fichier YAML du référentiel en gardant les numéros de ligne, avec des bornes.

Chaque dictionnaire et chaque liste lus portent la ligne où ils commencent (``.ligne``),
pour que toute erreur nomme le fichier et la ligne ; une clé en double est une erreur (le
YAML standard garderait silencieusement la dernière).

Un fichier hostile ou maladroit reçoit une erreur française située, vite et sans mémoire
démesurée (issue 10) : taille, imbrication, nombre de valeurs et développement des alias
(« billion laughs ») bornés ; nombres démesurés ou non finis (``.nan``, ``.inf``), dates
impossibles, clés qui ne sont pas des textes, étiquettes autres que les types de base et
caractères de contrôle refusés. Tout YAML de ``rules/`` se lit par ``lire_yaml``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from orientation.referentiel.modele import ErreurReferentiel
from orientation.situation.erreurs import echapper, echapper_texte, erreur_systeme
from orientation.situation.lecture import position

TAILLE_MAX = 1_000_000  # octets d'un fichier du référentiel (les plus gros font 15 Ko)
PROFONDEUR_MAX = 50  # niveaux d'imbrication (les règles livrées en ont 14 au plus)
NOEUDS_MAX = 100_000  # valeurs d'un document, alias développés (les plus gros : 750)
CHIFFRES_MAX = 40  # caractères d'un nombre


class _Dict(dict):
    ligne: int = 0


class _Liste(list):
    ligne: int = 0


class _Refus(yaml.MarkedYAMLError):
    """Un refus du chargeur borné, déjà en français."""


def _refus(probleme: str, mark: yaml.Mark | None) -> _Refus:
    return _Refus(problem=probleme, problem_mark=mark)


def _enfants(noeud: yaml.Node) -> list[yaml.Node]:
    if isinstance(noeud, yaml.SequenceNode):
        return list(noeud.value)
    if isinstance(noeud, yaml.MappingNode):
        return [n for paire in noeud.value for n in paire]
    return []


def _verifier_developpement(racine: yaml.Node) -> None:
    """Refuse un document dont les alias, développés, feraient plus de ``NOEUDS_MAX`` nœuds
    (« billion laughs » : neuf ancres de neuf alias font 387 millions de valeurs) ou qui se
    contient lui-même. Parcours en profondeur sans récursion, chaque nœud compté une fois."""
    tailles: dict[int, int] = {}
    en_cours: set[int] = set()
    pile: list[tuple[yaml.Node, bool]] = [(racine, False)]
    while pile:
        noeud, fini = pile.pop()
        cle = id(noeud)
        if fini:
            en_cours.discard(cle)
            taille = 1 + sum(tailles[id(e)] for e in _enfants(noeud))
            if taille > NOEUDS_MAX:
                raise _refus(f"alias YAML trop développés (plus de {NOEUDS_MAX} valeurs une "
                             "fois les ancres recopiées) : une ancre (&) ne se répète pas en "
                             "cascade", noeud.start_mark)
            tailles[cle] = taille
        elif cle not in tailles:
            if cle in en_cours:
                raise _refus("alias YAML récursif : une ancre (&) ne peut pas se contenir "
                             "elle-même", noeud.start_mark)
            en_cours.add(cle)
            pile.append((noeud, True))
            pile.extend((e, False) for e in _enfants(noeud))


try:  # l'analyse des événements par libyaml (six fois plus rapide), si PyYAML l'a
    from yaml._yaml import CParser as _Analyse

    _LECTURE: tuple[type, ...] = (_Analyse,)
except ImportError:  # pragma: no cover — PyYAML sans libyaml : tout en Python
    _LECTURE = (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser)


class _Chargeur(yaml.composer.Composer, *_LECTURE, yaml.constructor.SafeConstructor,
                yaml.resolver.Resolver):
    """Le chargeur sûr de PyYAML (événements lus par libyaml, nœuds composés et construits
    en Python), plus : numéros de ligne, clés en double refusées, imbrication, nombre de
    valeurs, développement des alias et nombres bornés, nombres non finis, dates impossibles
    et étiquettes autres que les types de base refusés — toujours une ``MarkedYAMLError``
    située, jamais une autre exception."""

    def __init__(self, flux: str) -> None:
        if _LECTURE[0] is yaml.reader.Reader:  # pragma: no cover
            yaml.reader.Reader.__init__(self, flux)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
        else:
            _LECTURE[0].__init__(self, flux)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._profondeur = 0
        self._noeuds = 0
        self._alias = False  # sans alias, l'arbre composé est déjà borné (nœuds comptés)

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201
        self._profondeur += 1
        self._noeuds += 1
        try:
            if self._profondeur > PROFONDEUR_MAX:
                raise _refus(f"imbrication trop profonde (plus de {PROFONDEUR_MAX} niveaux)",
                             self.peek_event().start_mark)
            if self._noeuds > NOEUDS_MAX:
                raise _refus(f"trop de valeurs (plus de {NOEUDS_MAX} ; un fichier du "
                             "référentiel en a quelques centaines)",
                             self.peek_event().start_mark)
            if not self._alias and self.check_event(yaml.AliasEvent):
                self._alias = True
            return super().compose_node(parent, index)
        finally:
            self._profondeur -= 1

    def construct_document(self, node):  # noqa: ANN001, ANN201
        if self._alias:  # seuls des alias peuvent développer ou boucler l'arbre
            _verifier_developpement(node)
        return super().construct_document(node)

    def construct_object(self, node, deep=False):  # noqa: ANN001, ANN201
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError):  # date impossible…
            message = "date impossible" if node.tag.endswith(":timestamp") else "valeur invalide"
            valeur = node.value if isinstance(node, yaml.ScalarNode) else ""
            raise _refus(f"{message} (« {echapper_texte(str(valeur))} »)",
                         node.start_mark) from None


def _mapping(loader: _Chargeur, node: yaml.MappingNode) -> _Dict:
    loader.flatten_mapping(node)
    resultat = _Dict()
    resultat.ligne = node.start_mark.line + 1
    for cle_node, valeur_node in node.value:
        if not isinstance(cle_node, yaml.ScalarNode):
            raise _refus("une clé ne peut pas être une liste ni un dictionnaire",
                         cle_node.start_mark)
        cle = loader.construct_object(cle_node, deep=True)
        if cle in resultat:
            raise _refus(f"clé « {echapper(cle)} » en double", cle_node.start_mark)
        resultat[cle] = loader.construct_object(valeur_node, deep=True)
    return resultat


def _sequence(loader: _Chargeur, node: yaml.SequenceNode) -> _Liste:
    resultat = _Liste(loader.construct_object(n, deep=True) for n in node.value)
    resultat.ligne = node.start_mark.line + 1
    return resultat


def _entier(loader: _Chargeur, node: yaml.ScalarNode) -> int:
    if len(node.value) > CHIFFRES_MAX:
        raise _refus(f"nombre trop long ({len(node.value)} caractères ; {CHIFFRES_MAX} au "
                     "plus)", node.start_mark)
    return loader.construct_yaml_int(node)


def _decimal(loader: _Chargeur, node: yaml.ScalarNode) -> float:
    if len(node.value) > CHIFFRES_MAX:
        raise _refus(f"nombre trop long ({len(node.value)} caractères ; {CHIFFRES_MAX} au "
                     "plus)", node.start_mark)
    valeur = loader.construct_yaml_float(node)
    if not math.isfinite(valeur):
        raise _refus(f"nombre non fini (« {echapper(node.value)} ») : un seuil ou une valeur "
                     "est un nombre fini", node.start_mark)
    return valeur


# Dans un texte construit (un échappement « \\e », « \\x00 » entre guillemets) : les
# contrôles, sauf la tabulation et le saut de ligne des textes sur plusieurs lignes.
_CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f"
                        "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _chaine(loader: _Chargeur, node: yaml.ScalarNode) -> str:
    texte = loader.construct_yaml_str(node)
    interdit = _CONTROLES.search(texte)
    if interdit:
        raise _refus(f"caractère de contrôle interdit (U+{ord(interdit.group()):04X})",
                     node.start_mark)
    return texte


_Chargeur.add_constructor("tag:yaml.org,2002:str", _chaine)
_Chargeur.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Chargeur.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Chargeur.add_constructor("tag:yaml.org,2002:int", _entier)
_Chargeur.add_constructor("tag:yaml.org,2002:float", _decimal)


def _etiquette_refusee(loader: _Chargeur, node: yaml.Node) -> None:
    raise _refus(f"étiquette YAML « {echapper_texte(node.tag)} » non permise (seuls textes, "
                 "nombres, dates, listes et dictionnaires)", node.start_mark)


for _etiquette in ("binary", "set", "omap", "pairs"):
    _Chargeur.add_constructor(f"tag:yaml.org,2002:{_etiquette}", _etiquette_refusee)
_Chargeur.add_constructor(None, _etiquette_refusee)

# Les problèmes que signalent libyaml et PyYAML (texte anglais) → en français.
_PROBLEMES_YAML = (
    ("mapping values are not allowed", "« : » inattendu ici (un texte qui contient « : » doit "
                                       "être entre guillemets, par exemple titre: "
                                       "\"Polymédication : bilan\")"),
    ("could not find expected ':'", "« : » attendu après une clé"),
    ("tab character", "tabulation interdite : YAML s'indente avec des espaces"),
    ("cannot start any token", "caractère inattendu en début de valeur (mettre le texte entre "
                               "guillemets)"),
    ("found undefined alias", "alias « {} » sans ancre (&) qui le définisse avant"),
    ("found duplicate anchor", "ancre (&) définie deux fois"),
    ("could not determine a constructor for the tag",
     "étiquette YAML non permise (seuls textes, nombres, dates, listes et dictionnaires)"),
    ("undefined tag handle", "étiquette YAML non permise"),
    ("expected ',' or ']'", "liste non fermée : « , » ou « ] » attendu"),
    ("expected ',' or '}'", "dictionnaire non fermé : « , » ou « } » attendu"),
    ("unexpected end of stream", "fin de fichier inattendue (guillemet, crochet ou accolade "
                                 "non fermé ?)"),
    ("unknown escape character", "échappement inconnu dans un texte entre guillemets"),
    ("alphabetic or numeric character", "nom d'ancre ou d'alias invalide"),
    ("expected <block end>", "indentation incohérente"),
    ("did not find expected key", "indentation incohérente : clé attendue"),
    ("expected '-' indicator", "indentation incohérente : « - » attendu"),
    ("block sequence entries are not allowed", "« - » inattendu ici (indentation ?)"),
    ("node content", "valeur attendue"),
    ("expected a single document", "un seul document par fichier (« --- » en trop)"),
    ("unexpected document indicator", "« --- » ou « ... » inattendu"),
    ("incompatible YAML document", "version de YAML non prise en charge (%YAML 1.1 ou 1.2)"),
    ("directive", "directive YAML (%) non permise ici"),
    ("unexpected ':'", "« : » inattendu"),
    ("for merging", "fusion (<<) : un dictionnaire ou une liste de dictionnaires attendu"),
)
_INTERDITS_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
                             "\ud800-\udfff\ufffe\uffff]")


def _probleme_yaml(e: yaml.MarkedYAMLError, texte: str) -> str:
    mark = e.problem_mark
    if mark is not None and 0 <= mark.index < len(texte) and texte[mark.index] == "\t":
        return "tabulation interdite : YAML s'indente avec des espaces"
    anglais = " ".join(str(x) for x in (e.problem, e.context) if x)
    for cle, francais in _PROBLEMES_YAML:
        if cle in anglais:
            if "{}" in francais:
                nom = re.search(r"'([^']*)'", anglais)
                francais = francais.format(echapper_texte(nom.group(1) if nom else ""))
            return francais
    return f"syntaxe incorrecte ({echapper_texte(anglais)})"


def lire_yaml(chemin: Path) -> Any:
    """Lit un fichier YAML du référentiel avec le chargeur borné ; lève
    ``ErreurReferentiel`` avec le fichier et la ligne. À utiliser pour tout YAML de
    ``rules/``. ``chemin`` : un ``Path``, ou un fichier en mémoire qui a ``name`` et
    ``read_bytes`` (référentiel reçu en zip : l'essai de règles)."""
    try:
        if hasattr(chemin, "stat"):  # sur disque : la taille avant de tout lire
            taille = chemin.stat().st_size
            if taille > TAILLE_MAX:
                raise ErreurReferentiel([f"{chemin.name} : fichier trop volumineux ({taille} "
                                         f"octets ; {TAILLE_MAX} au plus)"])
        octets = chemin.read_bytes()
    except OSError as e:
        raise ErreurReferentiel([f"{chemin.name} : illisible ({erreur_systeme(e)})"]) from None
    if len(octets) > TAILLE_MAX:
        raise ErreurReferentiel([f"{chemin.name} : fichier trop volumineux ({len(octets)} "
                                 f"octets ; {TAILLE_MAX} au plus)"])
    try:
        texte = octets.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ErreurReferentiel([f"{chemin.name} : le fichier n'est pas en UTF-8 (octet "
                                 f"illisible à la position {e.start + 1})"]) from None
    interdit = _INTERDITS_YAML.search(texte)
    if interdit:
        ligne, _ = position(texte, interdit.start())
        raise ErreurReferentiel([f"{chemin.name}, ligne {ligne} : caractère interdit "
                                 f"(U+{ord(interdit.group()):04X}) : les caractères de "
                                 "contrôle ne sont pas permis"])
    try:
        return yaml.load(texte, Loader=_Chargeur)  # noqa: S506 — chargeur dérivé de SafeLoader
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        ligne = f", ligne {mark.line + 1}" if mark else ""
        if isinstance(e, _Refus):
            raise ErreurReferentiel([f"{chemin.name}{ligne} : {e.problem}"]) from None
        raise ErreurReferentiel([f"{chemin.name}{ligne} : YAML invalide — "
                                 f"{_probleme_yaml(e, texte)}"]) from None
    except yaml.YAMLError as e:  # ReaderError et autres, sans position
        raise ErreurReferentiel([f"{chemin.name} : YAML invalide — "
                                 f"{echapper_texte(str(e))}"]) from None
    except RecursionError:  # pragma: no cover — filet : l'imbrication est bornée avant
        raise ErreurReferentiel([f"{chemin.name} : YAML trop imbriqué"]) from None
