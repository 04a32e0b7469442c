"""Corpus d'entrées hostiles ou maladroites, partagés par la suite de fuzz
(tests/test_fuzz.py), les tests des tableaux et le banc de fiabilité
(benchmarks/fiabilite.py) : situations JSON, fichiers de règles YAML, tableaux (CSV, JSON
Lines, Excel). Chaque entrée a un nom lisible ; rien n'y concerne un vrai patient.

Les mutations (``muter``) partent d'un texte valide et le cassent au hasard d'une graine :
octets changés, tranches supprimées ou doublées, crochets et guillemets déséquilibrés.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from orientation.referentiel import ErreurReferentiel, charger_referentiel
from orientation.referentiel.chargement import lire_yaml
from orientation.situation.erreurs import AU_PLUS, ErreurSaisie, lire_situation_json
from tests.conftest import EXEMPLES

EXEMPLE = (EXEMPLES / "03_personne_agee_complexe.json").read_bytes()
EXEMPLES_JSON = [p.read_bytes() for p in sorted(EXEMPLES.glob("*.json"))]


# --- Situations JSON ------------------------------------------------------------------------------


def situations_json() -> Iterator[tuple[str, bytes]]:
    """Des textes JSON de situation : chacun doit donner une situation ou un refus français
    (jamais une autre exception, jamais une valeur perdue en silence)."""
    profond = [1_000, 10_000, 100_000]
    for n in profond:
        yield f"liste imbriquée {n}", b'{"age": 80, "x": ' + b"[" * n + b"]" * n + b"}"
        yield f"objet imbriqué {n}", b'{"age": 80, "x": ' + b'{"a":' * n + b"1" + b"}" * n + b"}"
        yield f"crochets ouverts {n}", b"[" * n
    yield "entier de 5000 chiffres", b'{"age": ' + b"9" * 5_000 + b"}"
    yield "entier négatif de 5000 chiffres", b'{"age": -' + b"9" * 5_000 + b"}"
    yield "décimal de 400 chiffres", b'{"age": ' + b"1" * 400 + b".5}"
    yield "exposant démesuré", b'{"age": 1e999999999}'
    yield "exposant négatif démesuré", b'{"age": 1e-999999999}'
    for c in (b"NaN", b"Infinity", b"-Infinity"):
        yield f"constante {c.decode()}", b'{"age": ' + c + b"}"
    yield "zéro négatif", b'{"age": -0}'
    yield "âge décimal", b'{"age": 80.0}'
    yield "âge texte", b'{"age": "80"}'
    yield "âge booléen", b'{"age": true}'
    yield "âge null", b'{"age": null}'
    yield "clé en double", b'{"age": 200, "age": 84}'
    yield "section en double", b'{"age": 80, "social": {"aidant": "epuise"}, "social": {}}'
    yield "double profond", b'{"age": 80, "autonomie": {"aggir": {"coherence": "A", "coherence": "C"}}}'
    yield "double après échappement", b'{"age": 80, "\\u0061ge": 81}'
    yield "double dans une liste", b'{"age": 80, "x": [{"a": 1, "a": 2}]}'
    for nom, octets in [("nul", b"\\u0000"), ("échappement terminal", b"\\u001b[2J"),
                        ("retour à la ligne", b"\\n  - age : OK"), ("C1", b"\\u009b"),
                        ("inversion bidi", b"\\u202e"), ("séparateur de ligne", b"\\u2028"),
                        ("substitution seule", b"\\ud800"), ("DEL", b"\\u007f")]:
        yield f"caractère {nom} échappé", b'{"age": 80, "social": {"aidant": "epuise' + octets + b'"}}'
    yield "nul brut dans un nombre", b'{"age": 8\x004}'
    yield "nul brut dans un texte", b'{"age": 80, "social": {"aidant": "epu\x00ise"}}'
    yield "C1 brut", '{"age": 80, "social": {"aidant": "\x9b31m"}}'.encode()
    yield "bidi brut dans une clé", '{"age": 80, "soc\u202eial": {}}'.encode()
    yield "nul dans une clé", b'{"age": 80, "soc\\u0000ial": {}}'
    yield "BOM UTF-8", b"\xef\xbb\xbf" + EXEMPLE
    yield "deux BOM", b"\xef\xbb\xbf\xef\xbb\xbf" + EXEMPLE
    yield "UTF-16", EXEMPLE.decode().encode("utf-16")
    yield "UTF-32", EXEMPLE.decode().encode("utf-32")
    yield "latin-1", '{"age": 80, "x": "épuisé"}'.encode("latin-1")
    yield "UTF-8 tronqué", EXEMPLE + b"\xc3"
    yield "surrogat encodé en UTF-8", b'{"age": 80, "x": "\xed\xa0\x80"}'
    yield "fins de ligne CR", EXEMPLE.replace(b"\n", b"\r")
    yield "fins de ligne CRLF", EXEMPLE.replace(b"\n", b"\r\n")
    yield "fins de ligne mêlées", EXEMPLE.replace(b"\n", b"\r", 3).replace(b"\n", b"\r\n", 3)
    yield "CR seul et erreur", b'{"age": 80,\r\r"social":\r}'
    yield "vide", b""
    yield "espaces", b"   \n\t  "
    yield "null", b"null"
    yield "liste", b"[1, 2]"
    yield "texte", b'"age"'
    yield "nombre", b"80"
    yield "guillemet non fermé", b'{"age": "80}'
    yield "accolade non fermée", b'{"age": 80'
    yield "virgule finale", b'{"age": 80,}'
    yield "commentaire", b'{"age": 80 /* x */}'
    yield "apostrophes", b"{'age': 80}"
    yield "données en trop", b'{"age": 80} {"age": 81}'
    yield "JSON Lines", b'{"age": 80}\n{"age": 81}\n'
    yield "texte d'un mégaoctet", b'{"age": 80, "social": {"aidant": "' + b"x" * 999_000 + b'"}}'
    yield "trop volumineux", b'{"age": 80, "x": "' + b"x" * 1_100_000 + b'"}'
    yield "cent mille clés inconnues", b'{"age": 80, ' + b", ".join(
        b'"k%d": 1' % i for i in range(100_000)) + b"}"
    yield "cent mille maladies", b'{"age": 80, "sante": {"maladies_chroniques": [' + b", ".join(
        [b'"grippe"'] * 100_000) + b"]}}"
    yield "mini-Zarit de cent mille réponses", b'{"age": 80, "social": {"mini_zarit": [' + \
        b", ".join([b'"jamais"'] * 100_000) + b"]}}"
    yield "clé démesurée", b'{"age": 80, "' + b"k" * 500_000 + b'": 1}'
    yield "__proto__", b'{"age": 80, "__proto__": {"age": 1}}'
    yield "clé presque juste", '{"âge": 80}'.encode()
    yield "clé en majuscules", b'{"AGE": 80}'
    yield "clé avec espace", b'{"age ": 80}'
    yield "valeur en majuscules", b'{"age": 80, "social": {"aidant": "EPUISE"}}'
    yield "valeur presque juste", '{"age": 80, "social": {"aidant": "épuisé"}}'.encode()
    yield "section nulle", b'{"age": 80, "social": null}'
    yield "section liste", b'{"age": 80, "social": []}'
    yield "GIR hors grille", b'{"age": 80, "autonomie": {"gir": 7}}'
    yield "AGGIR incomplète", b'{"age": 80, "autonomie": {"aggir": {"coherence": "A"}}}'
    yield "booléen en texte", b'{"age": 80, "social": {"isolement": "oui"}}'
    yield "booléen en nombre", b'{"age": 80, "social": {"isolement": 1}}'
    yield "liste en texte", b'{"age": 80, "sante": {"maladies_chroniques": "diabete"}}'
    yield "liste avec doublon", b'{"age": 80, "sante": {"maladies_chroniques": ["bpco", "bpco"]}}'
    yield "nombre de médicaments énorme", b'{"age": 80, "sante": {"nb_medicaments": 1e308}}'


# --- Fichiers de règles YAML ---------------------------------------------------------------------


def _rires(n: int = 9) -> str:
    lignes = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, n):
        lignes.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lignes) + "\n"


def yaml_hostiles() -> Iterator[tuple[str, bytes]]:
    """Des fichiers YAML : chacun doit donner une valeur ou une ``ErreurReferentiel`` située,
    vite et sans mémoire démesurée."""
    yield "billion laughs", _rires().encode()
    yield "alias en cascade (mappings)", ("b0: &b0 {x: 1, y: 2}\n" + "".join(
        f"b{i}: &b{i} {{<<: [*b{i - 1}], z{i}: [*b{i - 1}, *b{i - 1}, *b{i - 1}, *b{i - 1}]}}\n"
        for i in range(1, 16))).encode()
    yield "alias récursif", b"a: &a [1, *a]\n"
    yield "mapping récursif", b"a: &a {b: *a}\n"
    yield "alias inconnu", b"a: *b\n"
    yield "ancre en double", b"a: &x 1\nb: &x 2\n"
    for n in (60, 1_000, 10_000, 100_000):
        yield f"crochets imbriqués {n}", b"a: " + b"[" * n + b"]" * n + b"\n"
        yield f"accolades imbriquées {n}", b"a: " + b"{b: " * n + b"1" + b"}" * n + b"\n"
    yield "indentation profonde", "".join(" " * i + f"k{i}:\n" for i in range(0, 400, 2)).encode()
    yield "tirets imbriqués", ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 300))).encode()
    yield "clé liste", b"? [a, b]\n: 1\n"
    yield "clé dictionnaire", b"{{a: 1}: 2}\n"
    yield "clé nulle", b"~: 1\n"
    yield "clé booléenne", b"yes: 1\n"
    yield "clé numérique", b"1: 1\n"
    yield "clé en double", b"a: 1\na: 2\n"
    yield "fusion en double", b"x: &x {a: 1}\ny: {<<: *x, a: 2, a: 3}\n"
    yield "fusion d'une liste", b"y: {<<: [1, 2]}\n"
    for v in (".nan", ".NaN", ".inf", "-.inf", "+.INF", "1.0e+400", "-1.0e+400"):
        yield f"nombre {v}", f"valeur: {v}\n".encode()
    yield "entier de 5000 chiffres", b"valeur: " + b"7" * 5_000 + b"\n"
    yield "sexagésimal démesuré", b"valeur: " + b":".join([b"59"] * 3_000) + b"\n"
    yield "hexadécimal démesuré", b"valeur: 0x" + b"f" * 5_000 + b"\n"
    yield "binaire", b"valeur: 0b" + b"1" * 100 + b"\n"
    yield "date impossible", b"depuis: 2024-02-30\n"
    yield "mois impossible", b"depuis: 2024-13-01\n"
    yield "horodatage impossible", b"depuis: 2024-01-01T25:61:61\n"
    yield "année zéro", b"depuis: 0000-01-01\n"
    yield "étiquette python", b"a: !!python/object/apply:os.system [echo]\n"
    yield "étiquette python nom", b"a: !!python/name:os.system\n"
    yield "étiquette inconnue", b"a: !nouvelle 1\n"
    yield "binaire base64", b"a: !!binary aGVsbG8=\n"
    yield "ensemble", b"a: !!set {x, y}\n"
    yield "omap", b"a: !!omap [{x: 1}, {x: 2}]\n"
    yield "nul brut", b"a: b\x00c\n"
    yield "échappement terminal", b"a: b\x1b[2Jc\n"
    yield "échappement entre guillemets", b'a: "b\\e[2J\\x00c"\n'
    yield "tabulation", b"a:\n\tb: 1\n"
    yield "BOM", b"\xef\xbb\xbfa: 1\n"
    yield "UTF-16", "a: 1\n".encode("utf-16")
    yield "latin-1", "a: épuisé\n".encode("latin-1")
    yield "CR seul", b"a: 1\rb: 2\r"
    yield "deux documents", b"a: 1\n---\nb: 2\n"
    yield "vide", b""
    yield "guillemet non fermé", b'a: "b\n'
    yield "crochet non fermé", b"a: [1, 2\n"
    yield "texte avec deux-points", b"titre: Polym\xc3\xa9dication : bilan\n"
    yield "très longue ligne", b"a: " + b"x" * 1_500_000 + b"\n"
    yield "trop volumineux", b"# " + b"x" * 2_100_000 + b"\n"
    yield "cent mille clés", b"".join(b"k%d: 1\n" % i for i in range(100_000))
    yield "directive", b"%YAML 1.1\n%TAG ! tag:exemple.fr,2024:\n---\na: !x 1\n"
    yield "directive YAML 9", b"%YAML 9.9\n---\na: 1\n"


# --- Tableaux (CSV, JSON Lines, Excel) ----------------------------------------------------------

EN_TETE = "id,age,social.aidant,sante.maladies_chroniques"
# Les identifiants des lignes piégées des corpus : elles doivent être rejetées (un nul qui
# coupe une cellule, une clé en double), jamais repérées sur une valeur tronquée ou choisie.
A_REJETER = {"X", "d"}


def tableaux_csv() -> Iterator[tuple[str, bytes]]:
    """Des fichiers CSV de cohorte : chaque ligne lue est repérée ou rejetée (jamais perdue),
    ou le fichier entier est refusé en français."""
    bonnes = "".join(f"p{i},{70 + i % 30},present,diabete\n" for i in range(50))
    yield "ordinaire", (EN_TETE + "\n" + bonnes).encode()
    yield "nul dans une cellule", (EN_TETE + "\nX,8\x004,present,diabete\n" + bonnes).encode()
    yield "guillemet isolé", (EN_TETE + "\n" + bonnes + 'p"x,80,present,diabete\n' + bonnes).encode()
    yield "guillemet ouvert jusqu'au bout", (EN_TETE + "\n" + bonnes + '"p,80,present,diabete\n'
                                             + bonnes).encode()
    yield "fins de ligne CR", (EN_TETE + "\n" + bonnes).replace("\n", "\r").encode()
    yield "fins de ligne CRLF", (EN_TETE + "\n" + bonnes).replace("\n", "\r\n").encode()
    yield "BOM", b"\xef\xbb\xbf" + (EN_TETE + "\n" + bonnes).encode()
    yield "formules", (EN_TETE + "\n" + '=HYPERLINK("http://x"),80,present,diabete\n'
                       "+cmd|' /C calc'!A0,80,present,diabete\n@SUM(1),80,present,diabete\n"
                       "-1+1,80,present,diabete\n" + bonnes).encode()
    yield "cellule d'un mégaoctet", (EN_TETE + "\np1,80," + "x" * 1_000_000 + ",diabete\n").encode()
    yield "liste d'un million d'éléments", (EN_TETE + "\np1,80,present," + ";".join(
        ["grippe"] * 200_000) + "\n").encode()
    yield "entier de 5000 chiffres", (EN_TETE + "\np1," + "9" * 5_000 + ",present,diabete\n").encode()
    yield "séquence terminal", (EN_TETE + "\np1,80,\x1b[2J\n  - age : OK,diabete\n").encode()
    yield "en-tête seul", EN_TETE.encode()
    yield "vide", b""
    yield "colonne en double", (EN_TETE + ",age\np1,80,present,diabete,81\n").encode()
    yield "colonnes en trop", (EN_TETE + "\np1,80,present,diabete,x,y,z\n" + bonnes).encode()
    yield "colonnes manquantes", (EN_TETE + "\np1,80\n" + bonnes).encode()
    yield "dix mille colonnes", (",".join(f"c{i}" for i in range(10_000)) + "\n").encode()
    yield "latin-1", (EN_TETE + "\np1,80,épuisé,diabete\n").encode("latin-1")
    yield "point-virgule", (EN_TETE.replace(",", ";") + "\n" + bonnes.replace(",", ";")).encode()


def tableaux_jsonl() -> Iterator[tuple[str, bytes]]:
    bonnes = "".join(json.dumps({"id": f"p{i}", "age": 70 + i % 30}) + "\n" for i in range(50))
    yield "ordinaire", bonnes.encode()
    yield "clé en double", (bonnes + '{"id": "d", "age": 200, "age": 84}\n' + bonnes).encode()
    yield "imbrication", (bonnes + '{"age": ' + "[" * 5_000 + "]" * 5_000 + "}\n").encode()
    yield "entier géant", (bonnes + '{"age": ' + "9" * 5_000 + "}\n").encode()
    yield "NaN", (bonnes + '{"age": NaN}\n').encode()
    yield "nul", (bonnes + '{"id": "a\\u0000b", "age": 80}\n').encode()
    yield "ligne coupée", (bonnes + '{"age": 8').encode()
    yield "CR seul", bonnes.replace("\n", "\r").encode()
    yield "pas un objet", (bonnes + "[1, 2]\n" + bonnes).encode()


def xlsx(cellules: dict[str, str], chaines: list[str] | None = None,
         dimension: str | None = None) -> bytes:
    """Un classeur minimal écrit à la main (sans openpyxl), pour fabriquer des bombes :
    ``cellules`` : référence → valeur en ligne (``inlineStr``), ou indice de chaîne partagée
    si ``chaines`` est donné."""
    def cellule(ref: str, v: str) -> str:
        position = f' r="{ref}"' if ref[0].isalpha() else ""  # « 1#12 » : ligne 1, sans r
        if chaines is not None:
            return f'<c{position} t="s"><v>{v}</v></c>'
        return f'<c{position} t="inlineStr"><is><t>{v}</t></is></c>'

    lignes: dict[int, list[str]] = {}
    for ref, v in cellules.items():
        numero = int(ref.split("#")[0]) if "#" in ref else int("".join(
            c for c in ref if c.isdigit()))
        lignes.setdefault(numero, []).append(cellule(ref, v))
    feuille = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
               'openxmlformats.org/spreadsheetml/2006/main">'
               + (f'<dimension ref="{dimension}"/>' if dimension else "")
               + "<sheetData>" + "".join(f'<row r="{n}">' + "".join(c) + "</row>"
                                         for n, c in sorted(lignes.items()))
               + "</sheetData></worksheet>")
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                   'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
                   'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.worksheet+xml"/>'
                   + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                      if chaines is not None else "") + "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                   'schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                   'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
                   'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
                   'name="f" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                   'schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                   'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                      'officeDocument/2006/relationships/sharedStrings" '
                      'Target="sharedStrings.xml"/>' if chaines is not None else "")
                   + "</Relationships>")
        z.writestr("xl/worksheets/sheet1.xml", feuille)
        if chaines is not None:
            z.writestr("xl/sharedStrings.xml",
                       '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                       'openxmlformats.org/spreadsheetml/2006/main">'
                       + "".join(f"<si><t>{c}</t></si>" for c in chaines) + "</sst>")
    return tampon.getvalue()


def _colonne(n: int) -> str:
    lettres = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        lettres = chr(65 + r) + lettres
    return lettres


def tableaux_xlsx() -> Iterator[tuple[str, bytes]]:
    """Des classeurs Excel, dont des bombes de quelques kilo-octets (compression)."""
    en_tete = {f"{_colonne(i)}1": c for i, c in enumerate(EN_TETE.split(","))}
    yield "ordinaire", xlsx(en_tete | {"A2": "p1", "B2": "80", "C2": "present", "D2": "diabete"})
    yield "cellule de 50 Mo", xlsx(en_tete | {"A2": "p1", "B2": "80", "C2": "x" * 50_000_000})
    # 200 001 cellules sans référence sur la ligne 1 (au-delà des 16 384 colonnes d'Excel)
    yield "en-tête de 200 001 cellules", xlsx({f"1#{i}": "age" for i in range(200_001)})
    yield "cellule au-delà de la limite d'Excel", xlsx(en_tete | {"A1048577": "p1"})
    yield "dimension démesurée", xlsx(en_tete | {"A2": "p1", "B2": "80"}, dimension="A1:XFD1048576")
    yield "formule", xlsx(en_tete | {"A2": '=HYPERLINK("http://x")', "B2": "80"})
    yield "pas un zip", b"PK\x03\x04" + b"\x00" * 100
    yield "zip vide", _zip_vide()


def _zip_vide() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w"):
        pass
    return tampon.getvalue()


# --- Règles quelconques et valeurs tirées au hasard -----------------------------------------------


def regle_yaml(si: object, alors: object, identifiant: str = "R-SANTE-FUZZ") -> bytes:
    """Une règle écrite en YAML par PyYAML, à ajouter à la fin de la liste « regles » d'un
    fichier de thème (``si`` et ``alors`` quelconques)."""
    import yaml

    regle = {"id": identifiant, "titre": "Essai", "description": "Essai.",
             "references": [{"titre": "Essai", "lien": "https://exemple.fr"}],
             "si": si, "alors": alors}
    lignes = yaml.safe_dump(regle, allow_unicode=True, sort_keys=False).splitlines()
    return ("\n  - " + lignes[0] + "\n" + "".join(f"    {x}\n" for x in lignes[1:])).encode()


def valeur_au_hasard(hasard: random.Random, mots: list[str], profondeur: int = 0) -> object:
    """Une valeur JSON ou YAML quelconque : feuilles hostiles (entiers géants, NaN, textes
    porteurs de caractères de contrôle), listes et dictionnaires aux clés tirées de ``mots``."""
    r = hasard.random()
    if profondeur >= 4 or r < 0.55:
        return hasard.choice([
            None, True, False, hasard.randint(-3, 130), hasard.randint(-10**60, 10**60),
            hasard.choice([float("nan"), float("inf"), -0.0, 1e308, 2.5]),
            hasard.choice(mots), hasard.choice(mots).upper(),
            "".join(chr(hasard.choice([0, 7, 10, 13, 27, 0x7f, 0x9b, 0x202e, 0xe9, 0x41]))
                    for _ in range(hasard.randint(1, 6))),
            "x" * hasard.choice([0, 1, 100, 10_000]),
        ])
    if r < 0.78:
        return [valeur_au_hasard(hasard, mots, profondeur + 1)
                for _ in range(hasard.randint(0, 6))]
    return {hasard.choice(mots): valeur_au_hasard(hasard, mots, profondeur + 1)
            for _ in range(hasard.randint(0, 6))}


# --- Mutations ------------------------------------------------------------------------------------


def muter(texte: bytes, graine: int, n: int = 3) -> bytes:
    """``texte`` cassé ``n`` fois au hasard de ``graine`` : octet changé, tranche supprimée,
    doublée ou déplacée, caractère spécial inséré."""
    hasard = random.Random(graine)
    octets = bytearray(texte)
    speciaux = [b"{", b"}", b"[", b"]", b'"', b",", b":", b"\\", b"\x00", b"\r", b"\n",
                b"\xff", b"\xc3", b"-", b"9" * 50, b"&a", b"*a", b"\t", b"'", b"#", b"?"]
    for _ in range(n):
        if not octets:
            octets += hasard.choice(speciaux)
            continue
        i = hasard.randrange(len(octets))
        j = min(len(octets), i + hasard.randrange(1, 40))
        action = hasard.randrange(5)
        if action == 0:
            octets[i] = hasard.randrange(256)
        elif action == 1:
            del octets[i:j]
        elif action == 2:
            octets[i:i] = octets[i:j]
        elif action == 3:
            tranche = octets[i:j]
            del octets[i:j]
            k = hasard.randrange(len(octets) + 1)
            octets[k:k] = tranche
        else:
            octets[i:i] = hasard.choice(speciaux)
    return bytes(octets)


# --- Essais : une entrée, une issue ---------------------------------------------------------------

_CONTROLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@dataclass
class Essai:
    """L'issue d'une entrée : « accepté », « refusé » (message français propre) ou
    « plantage » (toute autre exception, ou un refus aux messages mal formés) ; pour un
    tableau, les lignes lues, repérées, rejetées et perdues (dans aucune sortie)."""

    issue: str
    secondes: float = 0.0
    detail: str = ""
    lignes: int = 0
    perdues: int = 0


def defaut_des_messages(messages: list[str], au_plus: int | None = AU_PLUS + 1) -> str | None:
    """Ce qui ne va pas dans des messages d'erreur destinés à l'utilisateur, ou ``None`` :
    vides, trop longs, trop nombreux, ou porteurs d'un caractère de contrôle."""
    if not messages:
        return "aucun message"
    if au_plus is not None and len(messages) > au_plus:
        return f"{len(messages)} messages"
    for m in messages:
        if not isinstance(m, str) or not m.strip():
            return "message vide"
        if len(m) > 1_100:
            return f"message de {len(m)} caractères"
        if _CONTROLE.search(m):
            return f"caractère de contrôle dans « {m[:60]!r} »"
        if "Traceback" in m:
            return "trace Python dans un message"
    return None


def _essai(fonction, *args) -> Essai:
    debut = time.perf_counter()
    try:
        issue = fonction(*args)
    except (ErreurSaisie, ErreurReferentiel) as e:
        messages = e.messages if isinstance(e, ErreurSaisie) else e.erreurs
        defaut = defaut_des_messages(messages)
        issue = Essai("plantage", detail=defaut) if defaut else Essai("refusé",
                                                                     detail=messages[0])
    except Exception as e:  # noqa: BLE001 — c'est ce que l'essai cherche
        issue = Essai("plantage", detail=f"{type(e).__name__} : {str(e)[:200]}")
    issue.secondes = time.perf_counter() - debut
    return issue


def essayer_json(texte: bytes | str) -> Essai:
    """Une situation JSON lue comme ``orientation screen`` la lit."""
    return _essai(lambda: lire_situation_json(texte) and Essai("accepté"))


def essayer_yaml(contenu: bytes, dossier: Path) -> Essai:
    """Un fichier YAML lu par le chargeur du référentiel."""
    chemin = dossier / "essai.yaml"
    chemin.write_bytes(contenu)
    try:
        return _essai(lambda: (lire_yaml(chemin), Essai("accepté"))[1])
    finally:
        chemin.unlink()


_SITUATIONS: list = []


def essayer_referentiel(dossier: Path) -> Essai:
    """Un dossier de règles chargé, compilé pour durable_rules et essayé sur les exemples,
    comme ``rules check`` puis ``screen``."""
    from orientation.evaluation.moteur import charger_moteur

    if not _SITUATIONS:
        _SITUATIONS.extend(lire_situation_json(t) for t in EXEMPLES_JSON)

    def charger() -> Essai:
        charger_referentiel(dossier)
        moteur = charger_moteur(dossier)
        for s in _SITUATIONS:
            moteur.screen(s)
        return Essai("accepté")

    return _essai(charger)


def _lignes_attendues(contenu: bytes, format_: str) -> list[str]:
    try:
        texte = contenu.decode("utf-8-sig")
    except UnicodeDecodeError:
        texte = contenu.decode("latin-1")
    lignes = [x for x in texte.splitlines() if x.strip()]
    return lignes[1:] if format_ in (".csv",) else lignes


def essayer_tableau(nom: str, contenu: bytes, dossier: Path) -> Essai:
    """Un tableau repéré comme ``orientation batch ENTREE -o SORTIE`` : refusé en entier, ou chaque ligne repérée ou rejetée ; les lignes perdues sont
    celles qui ne sont ni dans la sortie ni dans les rejets."""
    from orientation.tables.lot import chemin_des_rejets, executer

    format_ = Path(nom).suffix
    entree = dossier / f"entree{format_}"
    sortie = dossier / "sortie.csv"
    entree.write_bytes(contenu)
    messages: list[str] = []

    def reperer() -> Essai:
        bilan = executer(entree, sortie,
                         rejet=lambda r: messages.append(f"{r.champ} : {r.message}"))
        reperees = list(csv.DictReader(io.StringIO(sortie.read_text(encoding="utf-8"))))
        rejets = chemin_des_rejets(sortie)
        lignes_rejetees = set()
        if rejets.exists():
            lignes_rejetees = {r["ligne"] for r in csv.DictReader(
                io.StringIO(rejets.read_text(encoding="utf-8")))}
        essai = Essai("accepté", lignes=bilan.lues)
        if format_ in (".csv", ".jsonl"):
            attendues = len(_lignes_attendues(contenu, format_))
            essai.perdues = max(0, attendues - len(reperees) - len(lignes_rejetees))
        incoherences = []
        if bilan.lues != bilan.reperees + bilan.rejetees:
            incoherences.append(f"lues {bilan.lues} ≠ {bilan.reperees} + {bilan.rejetees}")
        if len(reperees) != bilan.reperees:
            incoherences.append(f"{len(reperees)} lignes en sortie, {bilan.reperees} repérées")
        a_rejeter = [r.get("id") for r in reperees
                     if r.get("id") in A_REJETER or _CONTROLE.search(r.get("id") or "")]
        if a_rejeter:
            incoherences.append(f"ligne(s) repérée(s) au lieu d'être rejetées : {a_rejeter[:3]}")
        # un rejet par ligne fautive : leur nombre n'est pas borné, leur texte l'est
        defaut = defaut_des_messages(messages, au_plus=None) if messages else None
        if incoherences or defaut:
            return Essai("plantage", detail=" ; ".join(incoherences + [defaut or ""]),
                         lignes=bilan.lues, perdues=essai.perdues)
        return essai

    try:
        return _essai(reperer)
    finally:
        for p in dossier.iterdir():
            p.unlink()
