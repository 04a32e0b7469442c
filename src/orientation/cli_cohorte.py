"""Les commandes de cohorte de la ligne de commande : ``batch`` et ``synth``.

Séparées de ``cli.py`` pour que chaque commande y reste un bloc court.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from orientation.erreurs import ErreurSaisie
from orientation.lot import Bilan, Rejet, chemin_des_rejets, executer, format_de
from orientation.tableau import COLONNES

SORTIE_SAISIE_INVALIDE = 2
REJETS_AFFICHES = 50


def _progression(bilan: Bilan, total: int | None) -> None:
    if total:
        part = min(1.0, bilan.lues / total)
        barre = "█" * int(part * 30) + "·" * (30 - int(part * 30))
        debut = f"\r{barre} {part:4.0%} "
    else:
        debut = "\r"
    sys.stderr.write(f"{debut}{bilan.lues:,} lues, {bilan.rejetees:,} rejetées, "
                     f"{bilan.debit:,.0f} patients/s".replace(",", " "))
    sys.stderr.flush()


def commande_batch(args: argparse.Namespace) -> int:
    affiches = 0
    limite = REJETS_AFFICHES if args.sortie else None

    def rejet(r: Rejet) -> None:
        nonlocal affiches
        affiches += 1
        if limite is None or affiches <= limite:
            qui = f" ({r.id})" if r.id else ""
            sys.stderr.write(f"ligne {r.ligne}{qui} : {r.champ} : {r.message}\n")

    def avertir(message: str) -> None:
        sys.stderr.write(f"Attention : {message}\n")

    try:
        bilan = executer(args.entree, args.sortie, workers=args.workers,
                         encodage=args.encodage, regles=args.regles, rejet=rejet,
                         avertir=avertir,
                         progression=_progression if sys.stderr.isatty() else None)
    except ErreurSaisie as e:
        sys.stderr.write("Fichier refusé :\n")
        sys.stderr.writelines(f"  - {m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    except LookupError:
        sys.stderr.write(f"Encodage inconnu « {args.encodage} » (exemples : utf-8, latin-1, "
                         "cp1252)\n")
        return SORTIE_SAISIE_INVALIDE
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if limite is not None and affiches > limite:
        sys.stderr.write(f"… et {affiches - limite} autres erreurs : voir "
                         f"{chemin_des_rejets(args.sortie)}\n")
    debit = f"{bilan.debit:,.0f}".replace(",", " ")
    sys.stderr.write(
        f"Lues : {bilan.lues} = repérées : {bilan.reperees} + rejetées : {bilan.rejetees} "
        f"({bilan.secondes:.1f} s, {debit} patients/s)\n")
    return SORTIE_SAISIE_INVALIDE if bilan.rejetees else 0


def commande_synth(args: argparse.Namespace) -> int:
    from orientation.synthese import ecrire_cohorte

    if args.n < 0:
        sys.stderr.write("synth : --n doit être positif\n")
        return SORTIE_SAISIE_INVALIDE
    try:
        if args.sortie:
            format_de(args.sortie)
        ecrire_cohorte(args.n, args.seed, Path(args.sortie) if args.sortie else None,
                       sys.stdout)
    except ErreurSaisie as e:
        sys.stderr.writelines(f"{m}\n" for m in e.messages)
        return SORTIE_SAISIE_INVALIDE
    return 0


def ajouter_commandes(commandes: argparse._SubParsersAction) -> None:
    batch = commandes.add_parser(
        "batch", help="repérer une cohorte (CSV, Excel, Parquet ou JSON Lines)",
        description="Repère chaque ligne d'un tableau de situations (une colonne par champ, "
                    "par son chemin : age, contexte.medecin_traitant… ; voir "
                    "orientation.tableau.DESCRIPTION_COLONNES). Les lignes invalides sont "
                    "rejetées une à une (sortie d'erreur et SORTIE.rejets.csv), les autres "
                    "repérées. Code 2 si au moins une ligne est rejetée.",
    )
    batch.add_argument("entree", metavar="ENTREE", help=".csv, .xlsx, .parquet ou .jsonl")
    batch.add_argument("-o", "--sortie", metavar="SORTIE",
                       help="fichier résultat (.csv, .xlsx, .parquet, .jsonl) ; sans : CSV "
                            "sur la sortie standard")
    batch.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                       help="processus de calcul (par défaut : nombre de cœurs)")
    batch.add_argument("--encodage", metavar="ENC",
                       help="encodage d'un CSV qui n'est pas en UTF-8 (ex. latin-1)")
    batch.add_argument("--regles", metavar="DOSSIER", help="autre dossier de règles")
    batch.set_defaults(fonction=commande_batch)

    synth = commandes.add_parser(
        "synth", help="créer une cohorte synthétique (tests, formation, banc d'essai)",
        description="Écrit N personnes fictives plausibles au format d'entrée de batch ; "
                    "le même N et la même graine donnent le même fichier. Distributions : "
                    "docs/cohorte_synthetique.md.",
    )
    synth.add_argument("--n", type=int, default=1000, help="nombre de personnes (1000)")
    synth.add_argument("--seed", type=int, default=0, help="graine (0)")
    synth.add_argument("-o", "--sortie", metavar="FICHIER",
                       help=".csv, .xlsx, .parquet ou .jsonl ; sans : CSV sur la sortie standard")
    synth.set_defaults(fonction=commande_synth)


assert COLONNES  # les colonnes d'entrée de batch sont celles de tableau.COLONNES
