"""L'annuaire : qui appeler près du patient (issue 11).

Un index local (SQLite) des structures réelles du territoire, construit à partir de FINESS
(flux JSON « Structures » et extraction CSV etalab-cs1100507, Licence Ouverte : la source est
citée dans chaque contact) et de l'annuaire territorial d'un DAC ou d'une CPTS, qui
l'emporte. Aucune donnée de patient n'y est jamais écrite.

    from orientation import Situation, screen
    from orientation.annuaire import enrichir, importer

    importer(["finess.json", "territoire.csv"], "annuaire/")   # une fois
    resultat = enrichir(screen(situation), "01004", "annuaire/")  # contacts près de 01004

``enrichir(orientation, commune, annuaire)`` est la seule fonction qu'un service appelle :
``commune`` un code INSEE ou postal (ou ``None``), ``annuaire`` un dossier (ouvert et refermé
à chaque appel, sûr entre fils) ou un ``Annuaire`` ouvert ; elle rend une nouvelle
``Orientation`` et lève ``ErreurLieu`` ou ``ErreurAnnuaire`` (messages en français).
"""

from orientation.annuaire.contacts import ErreurLieu, Lieu, Recherche, enrichir, resoudre_lieu
from orientation.annuaire.correspondance import ReglesAnnuaire, charger_regles_annuaire
from orientation.annuaire.index import Annuaire, BilanImport, dossier_par_defaut, importer
from orientation.annuaire.lecture import ErreurAnnuaire, Structure

__all__ = [
    "Annuaire", "BilanImport", "ErreurAnnuaire", "ErreurLieu", "Lieu", "Recherche",
    "ReglesAnnuaire", "Structure", "charger_regles_annuaire", "dossier_par_defaut", "enrichir",
    "importer", "resoudre_lieu",
]
