"""Les commandes de l'annuaire : ``annuaire importer`` et ``annuaire chercher`` ; et les
options ``--commune`` / ``--annuaire`` de ``screen`` (``ajouter_contacts``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from orientation.annuaire import (
    Annuaire,
    ErreurAnnuaire,
    ErreurLieu,
    Recherche,
    charger_regles_annuaire,
    dossier_par_defaut,
    enrichir,
    importer,
    resoudre_lieu,
)
from orientation.annuaire.correspondance import identifiants_catalogue
from orientation.annuaire.lecture import COLONNES_TERRITOIRE
from orientation.rapport import ligne_contact
from orientation.referentiel import charger_referentiel, dossier_regles_par_defaut
from orientation.resultat import Orientation

SORTIE_ENTREE_INVALIDE = 2
REJETS_AFFICHES = 50


def ajouter_contacts(resultat: Orientation, commune: str | None, dossier: str | None,
                     regles: str | None = None) -> Orientation:
    """Pour ``screen`` et ``fiche`` : les contacts si un lieu est donné (l'annuaire par
    défaut s'il n'est pas nommé). Lève ``ErreurLieu`` / ``ErreurAnnuaire``."""
    if not commune:
        return resultat
    return enrichir(resultat, commune, Path(dossier) if dossier else dossier_par_defaut(),
                    charger_regles_annuaire(Path(regles) if regles else _regles()))


def _regles() -> Path:
    return dossier_regles_par_defaut()


def commande_importer(args: argparse.Namespace) -> int:
    dossier = Path(args.annuaire) if args.annuaire else dossier_par_defaut()
    identifiants = identifiants_catalogue(charger_referentiel(_regles()).catalogue)
    try:
        bilan = importer(args.fichiers, dossier, identifiants)
    except ErreurAnnuaire as e:
        sys.stderr.write(f"Import refusé : {e}\nL'annuaire n'a pas été modifié.\n")
        return SORTIE_ENTREE_INVALIDE
    for b in bilan.fichiers:
        sys.stdout.write(
            f"{b.fichier} : lues {b.lues} = retenues {b.retenues} + fermées {b.fermees} "
            f"+ rejetées {b.rejetees}"
            + (f" ; {b.sans_coordonnees} sans position" if b.sans_coordonnees else "")
            + f"\n  source : {b.source}\n")
    rejets = bilan.rejets
    for r in rejets[:REJETS_AFFICHES]:
        sys.stderr.write(f"Rejet : {r}\n")
    if len(rejets) > REJETS_AFFICHES:
        sys.stderr.write(f"… et {len(rejets) - REJETS_AFFICHES} autres rejets\n")
    if bilan.doublons:
        sys.stdout.write(f"{bilan.doublons} numéro(s) FINESS en double : le dernier fichier "
                         "l'emporte.\n")
    if bilan.fermees_selon_flux:
        sys.stdout.write(f"{bilan.fermees_selon_flux} établissement(s) de l'extraction CSV "
                         "fermé(s) selon le flux JSON : écartés.\n")
    sys.stdout.write(f"Annuaire {bilan.dossier} : {bilan.nb_finess} établissements FINESS, "
                     f"{bilan.nb_territoire} structures de l'annuaire territorial.\n")
    return SORTIE_ENTREE_INVALIDE if rejets else 0


def commande_chercher(args: argparse.Namespace) -> int:
    dossier = Path(args.annuaire) if args.annuaire else dossier_par_defaut()
    catalogue = charger_referentiel(_regles()).catalogue
    libelles = identifiants_catalogue(catalogue)
    if args.acteur and args.acteur not in libelles:
        from difflib import get_close_matches

        proche = get_close_matches(args.acteur, list(libelles), n=1)
        aide = f" ; vouliez-vous dire « {proche[0]} » ?" if proche else ""
        sys.stderr.write(f"--acteur : « {args.acteur} » n'est ni un acteur ni une fonction "
                         f"d'appui du catalogue{aide}\n")
        return SORTIE_ENTREE_INVALIDE
    if args.nombre is not None and not 1 <= args.nombre <= 100:
        sys.stderr.write("--nombre : un entier de 1 à 100\n")
        return SORTIE_ENTREE_INVALIDE
    regles = charger_regles_annuaire(_regles(), catalogue)
    try:
        with Annuaire(dossier) as annuaire:
            lieu = resoudre_lieu(annuaire, args.commune)
            recherche = Recherche(annuaire, lieu, regles)
            ids = [args.acteur] if args.acteur else list(libelles)
            trouves = {i: recherche.contacts(i, args.nombre) for i in ids}
            description = recherche.description()
    except (ErreurAnnuaire, ErreurLieu) as e:
        sys.stderr.write(f"{e}\n")
        return SORTIE_ENTREE_INVALIDE
    if not args.acteur:
        trouves = {i: c for i, c in trouves.items() if c}
    if args.format == "json":
        sys.stdout.write(json.dumps({
            "lieu": description.model_dump(mode="json"),
            "resultats": [{"id": i, "libelle": libelles[i],
                           "contacts": [c.model_dump(mode="json") for c in cs]}
                          for i, cs in trouves.items()],
        }, ensure_ascii=False, indent=2) + "\n")
        return 0
    nom = f" {description.nom}" if description.nom else ""
    sys.stdout.write(f"Lieu : {description.saisi}{nom}"
                     + (f" (département {description.departement})"
                        if description.departement else "") + "\n")
    if not description.commune:
        sys.stdout.write("  Commune inconnue de l'annuaire : seules les structures du "
                         "département et celles qui déclarent la desservir sont cherchées.\n")
    elif not description.distances:
        sys.stdout.write("  Position de la commune inconnue : pas de distances ; même commune, "
                         "puis même département.\n")
    if not trouves or not any(trouves.values()):
        sys.stdout.write("\nAucune structure trouvée"
                         + (f" pour « {args.acteur} »" if args.acteur else "") + ".\n")
    for i, contacts in trouves.items():
        sys.stdout.write(f"\n{libelles[i]} ({i})\n")
        if not contacts:
            sys.stdout.write("  aucune structure trouvée\n")
        for c in contacts:
            sys.stdout.write(f"  - {ligne_contact(c)}\n")
    sources = description.annuaire
    if sources:
        sys.stdout.write("\nSources : " + " ; ".join(sources) + "\n")
    return 0


def ajouter_commandes(commandes: argparse._SubParsersAction) -> None:
    from orientation.cli import _Analyseur

    annuaire = commandes.add_parser(
        "annuaire", help="l'annuaire des structures près du patient (FINESS, annuaire "
                         "territorial)",
        description="Construire et interroger l'annuaire local : établissements de FINESS "
                    "(Licence Ouverte) et annuaire territorial d'un DAC ou d'une CPTS. "
                    "Aucune donnée de patient n'y est écrite.")
    sous = annuaire.add_subparsers(dest="sous_commande", required=True,
                                   metavar="SOUS_COMMANDE", parser_class=_Analyseur)
    defaut = dossier_par_defaut()
    imp = sous.add_parser(
        "importer", help="importer FINESS et l'annuaire territorial dans l'index local",
        description="Lit les fichiers et réécrit l'index d'un coup (fichier temporaire puis "
                    "renommage). Fichiers reconnus : flux JSON « Structures » de FINESS, "
                    "extraction CSV etalab-cs1100507 (ou cs1100502), annuaire territorial "
                    "CSV ou YAML. Importer FINESS remplace les structures FINESS de l'index ; "
                    "importer un annuaire territorial remplace l'annuaire territorial. Seuls "
                    "les établissements actifs sont retenus. Colonnes de l'annuaire "
                    "territorial : " + ", ".join(COLONNES_TERRITOIRE) + " (acteurs et nom "
                    "obligatoires). Code 2 si un fichier est refusé ou une ligne rejetée "
                    "(les autres lignes sont importées).")
    imp.add_argument("fichiers", metavar="FICHIER", nargs="+",
                     help="flux FINESS .json, extraction FINESS .csv, annuaire territorial "
                          ".csv ou .yaml")
    imp.add_argument("--annuaire", metavar="DOSSIER",
                     help=f"dossier de l'index (par défaut {defaut}, ou la variable "
                          "ORIENTATION_ANNUAIRE)")
    imp.set_defaults(fonction=commande_importer)

    ch = sous.add_parser(
        "chercher", help="les structures proches d'une commune, par acteur",
        description="Liste, pour chaque acteur et fonction d'appui (ou celui de --acteur), "
                    "les structures les plus proches de la commune : annuaire territorial "
                    "d'abord, puis FINESS par distance, puis même commune, puis même "
                    "département.")
    ch.add_argument("--commune", required=True, metavar="CODE",
                    help="code commune INSEE (ex. 01004) ou code postal (ex. 01500)")
    ch.add_argument("--acteur", metavar="ID",
                    help="un identifiant du catalogue (ex. ehpad, sad_soins, "
                         "dac_reponse_globale)")
    ch.add_argument("--annuaire", metavar="DOSSIER", help=f"dossier de l'index (par défaut "
                                                          f"{defaut})")
    ch.add_argument("--nombre", type=int, metavar="N",
                    help="nombre de structures par acteur (par défaut : contacts_max de "
                         "rules/annuaire.yaml)")
    ch.add_argument("--format", choices=("text", "json"), default="text",
                    help="text (par défaut) ou json")
    ch.set_defaults(fonction=commande_chercher)
