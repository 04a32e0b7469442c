"""Lecture sûre d'un texte JSON venu de l'extérieur : un seul endroit pour toutes les entrées
JSON (situation de ``orientation screen``, lignes JSON Lines d'un lot, corps des requêtes du
service HTTP).

Ce que ``json.loads`` laisse passer ou fait planter, et qui est refusé ici avec un message
français qui situe le problème (ligne, colonne, ou chemin du champ) :

- **une clé en double** dans un même objet (``{"age": 200, "age": 84}``) : ``json.loads``
  garderait la dernière en silence ;
- **une imbrication profonde** (``[[[[…]]]]``) : au-delà de ``Limites.profondeur`` niveaux,
  refusée avant le décodage (sinon ``RecursionError``) ;
- **un nombre démesuré** (5 000 chiffres : ``ValueError``, ou des secondes de calcul) ou
  **non fini** (``NaN``, ``Infinity``, ``1e999``) ;
- **un caractère de contrôle** dans un texte ou une clé (``\\u0000``, séquences d'échappement
  du terminal, retours à la ligne, contrôles C1, inversions bidirectionnelles) et une moitié
  de paire de substitution (``\\ud800``, que l'on ne pourrait pas réécrire en UTF-8) ;
- **un document trop volumineux**, refusé avant tout décodage ;
- un texte qui n'est pas en UTF-8 (une marque d'ordre d'octets UTF-8 est acceptée).

Les lignes se comptent quelle que soit la fin de ligne (``\\n``, ``\\r\\n`` ou ``\\r`` seul).
Le cas ordinaire reste celui de ``json`` (décodeur en C) ; l'analyse plus lente qui situe
une erreur n'a lieu que quand il y en a une.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from orientation.situation.erreurs import ErreurSaisie


@dataclass(frozen=True)
class Limites:
    """Bornes d'une lecture. ``taille`` en octets (en caractères pour un ``str``),
    ``profondeur`` en niveaux d'objets ou de listes, ``chiffres`` en caractères d'un
    nombre (signe, point et exposant compris)."""

    taille: int = 1_000_000
    profondeur: int = 64
    chiffres: int = 40


LIMITES = Limites()


class ErreurLecture(ErreurSaisie):
    """Un texte JSON refusé. ``messages`` a une seule ligne, complète ; les morceaux servent
    à qui compose son propre message (une ligne de fichier JSON Lines, une réponse HTTP) :
    ``motif`` (ce qui ne va pas), ``ligne`` et ``colonne`` (à partir de 1, ou ``None``),
    ``chemin`` (le champ en cause, ou ``None``)."""

    def __init__(self, motif: str, *, source: str = "(fichier)", position: tuple[int, int]
                 | None = None, chemin: str | None = None, detail: str | None = None):
        self.motif = motif + (f" : {detail}" if detail else "")
        self.ligne, self.colonne = position if position else (None, None)
        self.chemin = chemin
        ou = f", ligne {self.ligne}, colonne {self.colonne}" if position else ""
        super().__init__([f"{chemin or source} : {motif}{ou}"
                          + (f" : {detail}" if detail else "")])


# --- Positions ------------------------------------------------------------------------------------


def position(texte: str, indice: int) -> tuple[int, int]:
    """(ligne, colonne) de ``texte[indice]``, à partir de 1 ; ``\\r\\n``, ``\\n`` et ``\\r``
    seuls terminent chacun une ligne."""
    avant = texte[:indice]
    ligne = avant.count("\n") + avant.count("\r") - avant.count("\r\n") + 1
    debut = max(avant.rfind("\n"), avant.rfind("\r")) + 1
    return ligne, indice - debut + 1


_TEXTE = r'"(?:[^"\\]++|\\.)*+"?'  # un texte JSON (ou non terminé : jusqu'à la fin)
_NOMBRE = r"-?(?:0|[1-9]\d*+)(?:\.\d++)?(?:[eE][-+]?\d++)?"
_JETONS = re.compile(
    rf"(?P<texte>{_TEXTE})|(?P<ouvre>[\[{{])|(?P<ferme>[\]}}])|(?P<deux_points>:)"
    rf"|(?P<nombre>{_NOMBRE})|(?P<constante>NaN|-?Infinity)",
    re.S,
)
_TEXTES = re.compile(_TEXTE, re.S)
_PAS_CROCHET = re.compile(r"[^\[\]{}]++")
_POIDS = {"[": 1, "{": 1, "]": -1, "}": -1}


# --- Contrôles ------------------------------------------------------------------------------------


def _trop_profond(texte: str, maximum: int) -> int | None:
    """L'indice du crochet qui dépasse ``maximum`` niveaux, ou ``None``. Le calcul courant
    se fait sans boucle Python (expressions régulières, ``accumulate``)."""
    crochets = _PAS_CROCHET.sub("", _TEXTES.sub("", texte))
    if len(crochets) <= maximum or max(accumulate(map(_POIDS.__getitem__, crochets))) <= maximum:
        return None
    niveau = 0
    for m in _JETONS.finditer(texte):
        if m.lastgroup == "ouvre":
            niveau += 1
            if niveau > maximum:
                return m.start()
        elif m.lastgroup == "ferme":
            niveau -= 1
    return None  # pragma: no cover — le décompte rapide l'a trouvé


def _nombre_refuse(jeton: str, genre: str, limites: Limites) -> str | None:
    if genre == "constante":
        return f"« {jeton} » n'est pas un nombre JSON"
    if len(jeton) > limites.chiffres:
        return f"nombre trop long ({len(jeton)} caractères ; {limites.chiffres} au plus)"
    if not math.isfinite(float(jeton)):
        return f"nombre hors limites ({jeton} : infini en calcul)"
    return None


class _Refus(Exception):
    """Levée par les crochets du décodeur C ; située ensuite par ``_situer``."""

    def __init__(self, genre: str, valeur: str = ""):
        super().__init__(genre, valeur)
        self.genre, self.valeur = genre, valeur


def _situer(texte: str, genre: str, limites: Limites) -> tuple[str, int]:
    """Le premier problème de ce genre dans l'ordre du texte : (motif, indice). Le texte
    est du JSON valide jusqu'à ce problème (le décodeur l'a lu jusque-là)."""
    if genre == "nombre":
        for m in _JETONS.finditer(texte):
            if m.lastgroup in ("nombre", "constante"):
                motif = _nombre_refuse(m.group(), m.lastgroup, limites)
                if motif:
                    return motif, m.start()
    else:  # clé en double : une pile des clés de chaque objet ouvert
        pile: list[set[str] | None] = []
        precedent: re.Match[str] | None = None
        for m in _JETONS.finditer(texte):
            if m.lastgroup == "ouvre":
                pile.append(set() if m.group() == "{" else None)
            elif m.lastgroup == "ferme":
                if pile:
                    pile.pop()
            elif (m.lastgroup == "deux_points" and precedent is not None
                  and precedent.lastgroup == "texte" and pile and pile[-1] is not None):
                brut = precedent.group()
                cle = json.loads(brut) if "\\" in brut else brut[1:-1]
                if cle in pile[-1]:
                    return (f"clé « {cle} » en double dans le même objet (une seule valeur "
                            "est permise)"), precedent.start()
                pile[-1].add(cle)
            precedent = m
    raise AssertionError(genre)  # pragma: no cover


def _paires(paires: list[tuple[str, Any]]) -> dict[str, Any]:
    objet = dict(paires)
    if len(objet) != len(paires):
        raise _Refus("double")
    return objet


def _decodeur(limites: Limites) -> json.JSONDecoder:
    def entier(jeton: str) -> int:
        if len(jeton) > limites.chiffres:
            raise _Refus("nombre", jeton)
        return int(jeton)

    def decimal(jeton: str) -> float:
        if len(jeton) > limites.chiffres or not math.isfinite(valeur := float(jeton)):
            raise _Refus("nombre", jeton)
        return valeur

    def constante(jeton: str) -> Any:
        raise _Refus("nombre", jeton)

    return json.JSONDecoder(object_pairs_hook=_paires, parse_int=entier, parse_float=decimal,
                            parse_constant=constante, strict=True)


_SUSPECT = re.compile(r"\\[ubfnrt]|[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_INTERDIT = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def caractere_interdit(texte: str) -> str | None:
    """Le motif du premier caractère refusé d'un texte (contrôle, inversion
    bidirectionnelle, moitié de paire de substitution), ou ``None``."""
    m = _INTERDIT.search(texte)
    if m is None:
        return None
    code = ord(m.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"caractère invalide (U+{code:04X})"
    return f"caractère de contrôle interdit (U+{code:04X})"


def _parcourir(valeur: Any, chemin: str) -> tuple[str, str] | None:
    """(chemin, motif) du premier caractère interdit d'une valeur décodée."""
    if isinstance(valeur, str):
        motif = caractere_interdit(valeur)
        return (chemin, motif) if motif else None
    if isinstance(valeur, list):
        for i, v in enumerate(valeur):
            trouve = _parcourir(v, f"{chemin}[{i}]")
            if trouve:
                return trouve
    elif isinstance(valeur, dict):
        for cle, v in valeur.items():
            motif = caractere_interdit(cle)
            if motif:
                return chemin, f"{motif} dans le nom d'une clé"
            trouve = _parcourir(v, f"{chemin}.{cle}" if chemin else cle)
            if trouve:
                return trouve
    return None


# --- Erreurs de syntaxe, en français --------------------------------------------------------------

_SYNTAXE = (
    ("Expecting value", "valeur attendue"),
    ("Expecting property name enclosed in double quotes",
     "nom de clé entre guillemets doubles attendu"),
    ("Expecting ':' delimiter", "« : » attendu"),
    ("Expecting ',' delimiter", "« , » attendu, ou la fin de l'objet (« } ») ou de la liste "
                                "(« ] »)"),
    ("Unterminated string", "texte non terminé (guillemet fermant manquant)"),
    ("Invalid control character", "caractère de contrôle dans un texte"),
    ("Invalid \\uXXXX escape", "échappement \\uXXXX invalide"),
    ("Invalid \\escape", "échappement invalide (permis : \\\" \\\\ \\/ \\b \\f \\n \\r \\t "
                         "\\uXXXX)"),
    ("Extra data", "données en trop après la fin du JSON"),
    ("Illegal trailing comma", "virgule en trop avant la fin"),
)


def _syntaxe(message: str) -> str:
    for anglais, francais in _SYNTAXE:
        if message.startswith(anglais):
            return francais
    return "syntaxe incorrecte"


# --- La lecture ----------------------------------------------------------------------------------


def lire_json(donnees: str | bytes, *, limites: Limites = LIMITES,
              source: str = "(fichier)") -> Any:
    """Décode un document JSON ; lève ``ErreurLecture`` (une ``ErreurSaisie``) avec un
    message français situé. ``source`` nomme le document dans les messages sans chemin."""
    unite = "octets" if isinstance(donnees, bytes | bytearray) else "caractères"
    if len(donnees) > limites.taille:
        raise ErreurLecture(f"trop volumineux ({len(donnees)} {unite} ; {limites.taille} au "
                            "plus)", source=source)
    if isinstance(donnees, bytes | bytearray):
        try:
            texte = bytes(donnees).decode("utf-8")
        except UnicodeDecodeError as e:
            raise ErreurLecture("le texte n'est pas en UTF-8 (octet illisible à la position "
                                f"{e.start + 1})", source=source) from None
    else:
        texte = donnees
    texte = texte.removeprefix("\ufeff")
    if not texte.strip():
        raise ErreurLecture("JSON invalide", source=source, detail="document vide")
    trop = _trop_profond(texte, limites.profondeur)
    if trop is not None:
        raise ErreurLecture(f"JSON trop imbriqué (plus de {limites.profondeur} niveaux)",
                            source=source, position=position(texte, trop))
    try:
        valeur = _decodeur(limites).decode(texte)
    except _Refus as e:
        motif, indice = _situer(texte, e.genre, limites)
        raise ErreurLecture(motif, source=source, position=position(texte, indice)) from None
    except json.JSONDecodeError as e:
        raise ErreurLecture("JSON invalide", source=source, position=position(texte, e.pos),
                            detail=_syntaxe(e.msg)) from None
    except RecursionError:  # pragma: no cover — filet : la profondeur est bornée avant
        raise ErreurLecture("JSON trop imbriqué", source=source) from None
    if _SUSPECT.search(texte):
        trouve = _parcourir(valeur, "")
        if trouve:
            chemin, motif = trouve
            raise ErreurLecture(motif, source=source, chemin=chemin or None)
    return valeur
