"""Banc de fiabilité (issue 10) : des campagnes d'entrées hostiles, un tableau de chiffres.

    .venv/bin/python benchmarks/fiabilite.py             # toutes les campagnes
    .venv/bin/python benchmarks/fiabilite.py --rapide    # dix fois moins d'entrées tirées

Pour chaque porte d'entrée (situation JSON, fichiers de règles YAML, tableaux de cohorte,
ligne de commande, application), des entrées écrites à la main (tests/hostile.py) ou tirées
au hasard d'une graine fixe. Chaque campagne tourne dans un processus à part, limité à 1 Gio
d'espace d'adressage (RLIMIT_AS) : un dépassement y devient un plantage compté. On compte :
acceptées, refus propres (message français, borné, sans caractère de contrôle), plantages
(toute autre exception, ou un refus mal formé), lignes perdues (tableaux : ni en sortie ni
en rejet), blocages (plus de 10 s), et la mémoire de pointe du processus (VmHWM).

Les entrées sont synthétiques ; les fichiers temporaires sont effacés. Aucune assertion :
les chiffres se lisent (et se recopient dans docs/fiabilite.md).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE))

LIMITE_MEMOIRE = 2**30  # 1 Gio
DELAI = 10.0
DELAI_TABLEAU = 120  # secondes avant d'arrêter le repérage d'un tableau qui bloque


def _pic_memoire() -> float:
    """La mémoire résidente de pointe, en Mo : celle du processus (VmHWM) ou celle du plus
    gros des processus qu'il a lancés (``orientation screen``), si elle est plus grande."""
    pic = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    for ligne in Path("/proc/self/status").read_text().splitlines():
        if ligne.startswith("VmHWM:"):
            pic = max(pic, int(ligne.split()[1]) / 1024)
    return pic


# --- Campagnes (dans le processus enfant) ---------------------------------------------------------


def _json_corpus(_n: int):
    from tests.hostile import essayer_json, situations_json

    for nom, texte in situations_json():
        yield nom, essayer_json(texte)


def _json_mutations(n: int):
    from tests.hostile import EXEMPLES_JSON, essayer_json, muter

    for graine in range(n):
        texte = muter(EXEMPLES_JSON[graine % len(EXEMPLES_JSON)], graine, 1 + graine % 8)
        yield f"graine {graine}", essayer_json(texte)


def _json_hasard(n: int):
    from orientation.situation.faits import CHAMPS
    from tests.hostile import essayer_json, valeur_au_hasard

    mots = sorted({m for c in CHAMPS for m in c.split(".")}
                  | {str(v) for c in CHAMPS.values() for v in (c.valeurs or ())})
    for graine in range(n):
        hasard = random.Random(graine)
        section = hasard.choice(["contexte", "sante", "autonomie", "handicap", "social", "x"])
        donnees = {"age": hasard.choice([80, -1, 200, "80", None, 10**40]),
                   section: valeur_au_hasard(hasard, mots)}
        texte = json.dumps(donnees, allow_nan=True, ensure_ascii=hasard.random() < 0.5)
        if hasard.random() < 0.2:
            texte = texte[:-1] + ', "age": 81}'
        yield f"graine {graine}", essayer_json(texte)


def _yaml_corpus(_n: int):
    from tests.hostile import essayer_yaml, yaml_hostiles

    with tempfile.TemporaryDirectory() as dossier:
        for nom, contenu in yaml_hostiles():
            yield nom, essayer_yaml(contenu, Path(dossier))


def _regles(fabriquer):
    from tests.conftest import REGLES
    from tests.hostile import essayer_referentiel

    with tempfile.TemporaryDirectory() as dossier:
        copie = Path(dossier) / "rules"
        shutil.copytree(REGLES, copie)
        for nom, fichier, contenu in fabriquer(REGLES):
            (copie / fichier).write_bytes(contenu)
            try:
                yield nom, essayer_referentiel(copie)
            finally:
                (copie / fichier).write_bytes((REGLES / fichier).read_bytes())


def _regles_mutations(n: int):
    from tests.hostile import muter

    def fabriquer(regles: Path):
        fichiers = sorted(p.name for p in regles.glob("*.yaml"))
        for graine in range(n):
            fichier = fichiers[graine % len(fichiers)]
            yield (f"{fichier}, graine {graine}", fichier,
                   muter((regles / fichier).read_bytes(), graine, 1 + graine % 4))

    yield from _regles(fabriquer)


def _regles_hasard(n: int):
    from orientation.referentiel import charger_referentiel
    from orientation.situation.faits import CHAMPS
    from tests.hostile import regle_yaml, valeur_au_hasard

    def fabriquer(regles: Path):
        ref = charger_referentiel(regles)
        mots = ["toutes", "une_de", "aucune", "au_moins", "nombre", "parmi", "egal", "au_plus",
                "contient", "renseigne", "niveau", "pps", "secteurs", "appuis", "clusters",
                "oui", "non", "conclusion.niveau", "conclusion.appuis", "complexe",
                *(f"${p}" for p in ref.parametres), *ref.catalogue.clusters,
                *ref.catalogue.appuis, *CHAMPS]
        original = (regles / "sante.yaml").read_bytes().rstrip(b"\n")
        for graine in range(n):
            hasard = random.Random(graine)
            si = valeur_au_hasard(hasard, mots)
            alors = valeur_au_hasard(hasard, mots)
            yield f"graine {graine}", "sante.yaml", original + regle_yaml(si, alors)

    yield from _regles(fabriquer)


def _tableau(format_: str, nom: str):
    from tests import hostile

    corpus = {"csv": hostile.tableaux_csv, "jsonl": hostile.tableaux_jsonl,
              "xlsx": hostile.tableaux_xlsx}[format_]
    contenu = next(c for n, c in corpus() if n == nom)
    with tempfile.TemporaryDirectory() as dossier:
        yield nom, hostile.essayer_tableau(f"entree.{format_}", contenu, Path(dossier))


def _cli(_n: int):
    from tests.hostile import Essai, situations_json

    for nom, texte in situations_json():
        debut = time.perf_counter()
        p = subprocess.run([sys.executable, "-m", "orientation", "screen", "-"], input=texte,
                           capture_output=True, timeout=60, cwd=RACINE)
        err = p.stderr.decode("utf-8", "replace")
        if "Traceback" in err or p.returncode not in (0, 2) or len(err) > 20_000:
            essai = Essai("plantage", detail=f"code {p.returncode}, {len(err)} caractères")
        else:
            essai = Essai("accepté" if p.returncode == 0 else "refusé")
        essai.secondes = time.perf_counter() - debut
        yield nom, essai


def _application(n: int):
    """Charger un exemple puis cliquer « Repérer » aussitôt, le navigateur en retard (voir
    tests/test_app_course.py) : combien de repérages portent sur un mélange ?"""
    from tests.hostile import Essai
    from tests.test_app_course import (
        EXEMPLES_LIVRES,
        RESULTAT,
        TITRES,
        application,
        charger_puis_reperer_aussitot,
    )

    hasard = random.Random(3)
    at = application()
    precedent = hasard.choice(TITRES)
    at.selectbox(key="reperage._exemple").select(precedent).run()
    at.button(key="reperage._charger").click().run()
    for i in range(n):
        titre = hasard.choice([t for t in TITRES if t != precedent])
        debut = time.perf_counter()
        charger_puis_reperer_aussitot(at, titre, hasard)
        if at.exception:
            essai = Essai("plantage", detail=str(at.exception)[:200])
        elif RESULTAT not in at.session_state or \
                at.session_state[RESULTAT][0] != EXEMPLES_LIVRES[titre]:
            essai = Essai("plantage", detail="mélange de deux exemples")
        else:
            essai = Essai("accepté")
        essai.secondes = time.perf_counter() - debut
        precedent = titre
        yield f"essai {i}", essai


CAMPAGNES = {
    "json-corpus": ("Situation JSON — corpus écrit à la main", _json_corpus, 0),
    "json-mutations": ("Situation JSON — exemples mutés", _json_mutations, 5_000),
    "json-hasard": ("Situation JSON — structures tirées au hasard", _json_hasard, 5_000),
    "cli": ("orientation screen — corpus JSON, processus à part", _cli, 0),
    "yaml-corpus": ("Règles YAML — corpus écrit à la main", _yaml_corpus, 0),
    "regles-mutations": ("Référentiel — fichiers de règles mutés (chargé, compilé, essayé)",
                         _regles_mutations, 1_000),
    "regles-hasard": ("Référentiel — règle quelconque ajoutée (chargé, compilé, essayé)",
                      _regles_hasard, 300),
    "application": ("Application — exemple chargé puis « Repérer » aussitôt", _application, 100),
}


def _enfant(campagne: str, n: int, format_: str | None) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMITE_MEMOIRE, LIMITE_MEMOIRE))
    compte = {"essayees": 0, "acceptees": 0, "refusees": 0, "plantages": 0, "perdues": 0,
              "blocages": 0, "pire": 0.0, "lignes": 0, "exemples": []}
    try:
        essais = _tableau(format_, campagne) if format_ else CAMPAGNES[campagne][1](n)
        for nom, essai in essais:
            compte["essayees"] += 1
            cle = {"accepté": "acceptees", "refusé": "refusees"}.get(essai.issue, "plantages")
            compte[cle] += 1
            compte["perdues"] += essai.perdues
            compte["lignes"] += essai.lignes
            compte["pire"] = max(compte["pire"], essai.secondes)
            if essai.secondes > DELAI:
                compte["blocages"] += 1
                if len(compte["exemples"]) < 6:
                    compte["exemples"].append(f"{nom} : {essai.secondes:.0f} s")
            if essai.issue == "plantage" and len(compte["exemples"]) < 3:
                compte["exemples"].append(f"{nom} : {essai.detail}"[:300])
    except MemoryError:
        compte["plantages"] += 1
        compte["essayees"] = max(compte["essayees"], 1)
        compte["exemples"].append("MemoryError (plus de 1 Gio)")
    compte["memoire"] = _pic_memoire()
    print(json.dumps(compte))


def _lancer(campagne: str, n: int, format_: str | None = None) -> dict:
    """Une campagne dans un processus à part ; un tableau seul (``format_``) y a au plus
    ``DELAI_TABLEAU`` secondes : au-delà, il compte comme un blocage (et un plantage)."""
    commande = [sys.executable, __file__, "--enfant", campagne, "--n", str(n)]
    if format_:
        commande += ["--format", format_]
    delai = DELAI_TABLEAU if format_ else 3_600
    debut = time.perf_counter()
    try:
        p = subprocess.run(commande, capture_output=True, text=True, timeout=delai,
                           cwd=RACINE, env=os.environ | {"PYTHONPATH": str(RACINE)})
        return json.loads(p.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, IndexError, json.JSONDecodeError) as e:
        bloque = isinstance(e, subprocess.TimeoutExpired)
        return {"essayees": 1, "acceptees": 0, "refusees": 0, "plantages": 1, "perdues": 0,
                "blocages": int(bloque), "pire": time.perf_counter() - debut, "lignes": 0,
                "memoire": 0, "exemples": [f"{campagne} : " + (
                    f"arrêté après {delai} s" if bloque else f"processus : {type(e).__name__}")]}


def _ligne(titre: str, c: dict) -> str:
    return (f"| {titre} | {c['essayees']} | {c['acceptees']} | {c['refusees']} | "
            f"{c['plantages']} | {c['perdues']} | {c['blocages']} | {c['pire']:.1f} s | "
            f"{c['memoire']:.0f} Mo |")


def main() -> None:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analyseur.add_argument("--rapide", action="store_true")
    analyseur.add_argument("--seulement", nargs="*", help="campagnes à lancer")
    analyseur.add_argument("--enfant")
    analyseur.add_argument("--n", type=int, default=0)
    analyseur.add_argument("--format")
    args = analyseur.parse_args()
    if args.enfant:
        _enfant(args.enfant, args.n, args.format)
        return

    print(f"Banc de fiabilité — {time.strftime('%Y-%m-%d %H:%M')}, Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} cœurs (charge : "
          f"{os.getloadavg()[0]:.1f})\n")
    print("| campagne | essayées | acceptées | refus propres | plantages | lignes perdues | "
          "blocages > 10 s | pire durée | mémoire de pointe |")
    print("|---|---|---|---|---|---|---|---|---|")
    details = []
    for cle, (titre, _, n) in CAMPAGNES.items():
        if args.seulement and cle not in args.seulement:
            continue
        c = _lancer(cle, max(1, n // 10) if args.rapide and n else n)
        print(_ligne(titre, c), flush=True)
        details += [f"{cle} — {x}" for x in c["exemples"]]
    if not args.seulement or "tableaux" in args.seulement:
        from tests import hostile

        for format_, corpus in (("csv", hostile.tableaux_csv), ("jsonl", hostile.tableaux_jsonl),
                                ("xlsx", hostile.tableaux_xlsx)):
            total: dict = {}
            for nom, _ in corpus():
                c = _lancer(nom, 0, format_)
                for k, v in c.items():
                    if k == "exemples":
                        total.setdefault(k, []).extend(f"{format_} {x}" for x in v)
                    elif k in ("pire", "memoire"):
                        total[k] = max(total.get(k, 0), v)
                    else:
                        total[k] = total.get(k, 0) + v
            print(_ligne(f"Tableaux {format_.upper()} — corpus écrit à la main (`batch`)",
                         total), flush=True)
            details += [f"tableaux — {x}" for x in total.get("exemples", [])]
    if details:
        print("\nPlantages (au plus trois par campagne) :")
        for d in details:
            print(f"- {d}")


if __name__ == "__main__":
    main()
