"""La saisie d'une situation dans un formulaire : des champs « à plat », un par widget.

Un formulaire ne connaît que des valeurs simples sous des clés pointées (``social.aidant``,
``autonomie.aggir.toilette``, ``social.mini_zarit.3``) ; ce module passe de ces valeurs à
une situation et retour, sans rien décider : la validation reste celle de ``Situation``
(``erreurs.lire_situation``), avec ses messages français qui nomment chaque champ.

Il donne aussi les textes du formulaire (libellés, aides, questions des instruments) et
l'aperçu des scores des instruments pendant la saisie, calculés par ``instruments`` avec
les seuils de ``rules/parametres.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orientation.resultat.rapport import FARDEAU, FRAGILITE, valeur_lisible
from orientation.situation import instruments
from orientation.situation.erreurs import lire_situation_json
from orientation.situation.faits import CHAMPS, QUESTIONNAIRES, Champ
from orientation.situation.modele import Situation

SECTIONS = {
    "contexte": "Contexte",
    "sante": "Santé",
    "autonomie": "Autonomie",
    "handicap": "Handicap",
    "social": "Social",
}

# Questions des instruments (REFERENTIEL.md § 3), dans l'ordre des grilles publiées.
QUESTIONS_EPICES: dict[str, str] = {
    "travailleur_social": "Rencontrez-vous parfois un travailleur social ?",
    "complementaire": "Bénéficiez-vous d'une assurance maladie complémentaire ?",
    "couple": "Vivez-vous en couple ?",
    "proprietaire": "Êtes-vous propriétaire de votre logement ?",
    "difficultes_financieres": "Y a-t-il des périodes dans le mois où vous rencontrez de "
                               "réelles difficultés financières (alimentation, loyer, EDF…) ?",
    "sport": "Vous est-il arrivé de faire du sport au cours des 12 derniers mois ?",
    "spectacle": "Êtes-vous allé au spectacle au cours des 12 derniers mois ?",
    "vacances": "Êtes-vous parti en vacances au cours des 12 derniers mois ?",
    "contacts_famille": "Au cours des 6 derniers mois, avez-vous eu des contacts avec des "
                        "membres de votre famille autres que vos parents ou vos enfants ?",
    "hebergement_possible": "En cas de difficultés, y a-t-il dans votre entourage des "
                            "personnes sur qui compter pour vous héberger quelques jours ?",
    "aide_materielle": "En cas de difficultés, y a-t-il dans votre entourage des personnes "
                       "sur qui compter pour vous apporter une aide matérielle ?",
}
QUESTIONS_MINI_ZARIT: tuple[str, ...] = (
    "Le fait de vous occuper de votre proche entraîne-t-il des difficultés dans votre vie "
    "familiale ?",
    "… des difficultés dans vos relations avec vos amis, vos loisirs ou votre travail ?",
    "… un retentissement sur votre santé (physique et/ou psychique) ?",
    "Avez-vous le sentiment de ne plus reconnaître votre proche ?",
    "Avez-vous peur pour l'avenir de votre proche ?",
    "Souhaitez-vous être (davantage) aidé pour vous occuper de votre proche ?",
    "Ressentez-vous une charge en vous occupant de votre proche ?",
)
QUESTIONS_GFST: dict[str, str] = {
    "vit_seul": "Votre patient vit-il seul ?",
    "perte_de_poids": "A-t-il perdu du poids au cours des 3 derniers mois ?",
    "fatigue": "Se sent-il plus fatigué depuis ces 3 derniers mois ?",
    "mobilite": "A-t-il plus de difficultés pour se déplacer depuis ces 3 derniers mois ?",
    "plainte_memoire": "Se plaint-il de la mémoire ?",
    "marche_lente": "A-t-il une vitesse de marche ralentie (plus de 4 secondes pour 4 "
                    "mètres) ?",
}
VARIABLES_AGGIR: dict[str, str] = {
    "coherence": "Cohérence (converser, se comporter de façon sensée)",
    "orientation": "Orientation (dans le temps et les lieux)",
    "toilette": "Toilette",
    "habillage": "Habillage",
    "alimentation": "Alimentation",
    "elimination": "Élimination",
    "transferts": "Transferts (se lever, se coucher, s'asseoir)",
    "deplacement_interieur": "Déplacements à l'intérieur",
}
CODES_AGGIR = {"A": "A — fait seul", "B": "B — fait partiellement",
               "C": "C — ne fait pas"}

# Aide affichée sous chaque champ du formulaire : ce qu'on attend, en une phrase.
AIDES: dict[str, str] = {
    "age": "En années révolues. Seul champ obligatoire.",
    "contexte.medecin_traitant": "Un médecin traitant est déclaré auprès de l'assurance "
                                 "maladie.",
    "contexte.urgence": "Signes de détresse vitale maintenant : l'orientation commence par "
                        "le 15.",
    "contexte.hors_residence_habituelle": "La personne consulte loin de chez elle "
                                          "(vacances, déplacement).",
    "contexte.sortie_hospitalisation": "Un retour à domicile est prévu dans les prochains "
                                       "jours.",
    "contexte.complexite_ressentie": "Vous jugez la situation complexe : depuis la loi du "
                                     "24 juillet 2019, ce jugement suffit pour solliciter "
                                     "le DAC.",
    "contexte.suivi_appui_en_cours": "La personne est déjà suivie par un DAC ou un "
                                     "gestionnaire de cas.",
    "sante.maladies_chroniques": "Les maladies chroniques connues ; « autre » pour une "
                                 "maladie absente de la liste.",
    "sante.insuffisance_organe_severe": "Insuffisance cardiaque, respiratoire, rénale ou "
                                        "hépatique sévère.",
    "sante.pathologie_instable": "Maladie chronique ou neuro-évolutive non stabilisée.",
    "sante.nb_medicaments": "Médicaments différents pris chaque jour.",
    "sante.hospitalisations_non_programmees_6_mois": "Passages par les urgences suivis "
                                                     "d'une hospitalisation, sur 6 mois.",
    "sante.chutes_6_mois": "Nombre de chutes sur les 6 derniers mois.",
    "sante.chute_grave": "Chute avec fracture, impossibilité de se relever ou "
                         "hospitalisation.",
    "sante.troubles_cognitifs": "Troubles de la mémoire ou des fonctions cognitives.",
    "sante.troubles_psychiques": "Troubles de l'humeur ou du comportement.",
    "sante.addiction": "Alcool, tabac, médicaments, autres substances ou comportements.",
    "sante.douleur_chronique": "Douleur qui dure depuis plus de 3 mois.",
    "sante.denutrition": "Dénutrition repérée (perte de poids, IMC, albumine).",
    "sante.soins_palliatifs": "Maladie grave, évolutive, en phase avancée ou terminale.",
    "sante.refus_de_soins": "La personne refuse ou met en échec les soins proposés.",
    "autonomie.gir": "Le GIR déjà évalué, s'il est connu ; sinon remplissez la grille AGGIR "
                     "ci-dessous.",
    "autonomie.adl_dependantes": "Activités de base (Katz : se laver, s'habiller, aller aux "
                                 "toilettes, se déplacer, continence, manger) non faites "
                                 "seul, de 0 à 6.",
    "autonomie.iadl_dependantes": "Activités instrumentales (Lawton : téléphone, courses, "
                                  "repas, ménage, linge, transports, médicaments, budget) "
                                  "non faites seul, de 0 à 8.",
    "autonomie.autonomie_decisionnelle_alteree": "La personne ne peut plus prendre seule "
                                                 "les décisions qui la concernent.",
    "autonomie.aides": "Aides et soins à domicile au regard des besoins.",
    "handicap.types": "Les types de handicap de la personne.",
    "handicap.reconnaissance_mdph": "Un droit ou une orientation a été ouvert par la MDPH.",
    "handicap.handicap_rare": "Combinaison rare de déficiences (CASF D312-194).",
    "handicap.sans_solution": "Aucun accompagnement adapté, ou accompagnement interrompu.",
    "social.vit_seul": "La personne vit seule à son domicile.",
    "social.isolement": "Peu ou pas de contacts sociaux ou familiaux.",
    "social.aidant": "Un proche aidant est présent, absent, ou épuisé.",
    "social.logement": "Le logement au regard des besoins de la personne.",
    "social.couverture": "Assurance maladie et complémentaire santé.",
    "social.difficultes_financieres": "Difficultés pour payer le loyer, l'énergie, "
                                      "l'alimentation ou les soins.",
    "social.barriere_linguistique": "La personne ne comprend pas ou ne parle pas le "
                                    "français.",
    "social.protection_juridique": "Mesure de protection (sauvegarde, curatelle, tutelle, "
                                   "habilitation familiale).",
    "social.maltraitance_suspectee": "Violence, négligence ou abus suspectés : la "
                                     "situation demande protection et signalement.",
}


def champs_du_formulaire(section: str) -> list[Champ]:
    """Les champs saisis d'une section (sans les questionnaires ni les champs dérivés),
    dans l'ordre de la situation."""
    return [c for c in CHAMPS.values()
            if not c.derive and c.chemin.split(".")[0] == section]


def libelle_formulaire(chemin: str) -> str:
    """Le libellé d'un champ, avec sa majuscule : « Vit seul »."""
    libelle = CHAMPS[chemin].libelle
    return libelle[:1].upper() + libelle[1:]


# --- Des valeurs à plat à la situation, et retour ----------------------------------------------

_AGGIR = "autonomie.aggir"
_FRAGILITE = "autonomie.fragilite"
_ZARIT = "social.mini_zarit"
_EPICES = "social.epices"


def cles_questionnaire(questionnaire: str) -> list[str]:
    """Les clés à plat d'un questionnaire (``social.mini_zarit.0`` … ``.6``)."""
    sous_cles = {
        _AGGIR: list(VARIABLES_AGGIR),
        _FRAGILITE: [*QUESTIONS_GFST, "jugement_fragile"],
        _ZARIT: [str(i) for i in range(len(QUESTIONS_MINI_ZARIT))],
        _EPICES: list(QUESTIONS_EPICES),
    }[questionnaire]
    return [f"{questionnaire}.{c}" for c in sous_cles]


def cles_saisie() -> list[str]:
    """Toutes les clés d'un formulaire complet, dans l'ordre de la situation."""
    cles = ["age"]
    for section in SECTIONS:
        cles += [c.chemin for c in champs_du_formulaire(section)]
        cles += [k for q in sorted(QUESTIONNAIRES) if q.startswith(section + ".")
                 for k in cles_questionnaire(q)]
    return cles


def situation_depuis_saisie(valeurs: Mapping[str, Any]) -> dict[str, Any]:
    """Les données d'une situation, à valider par ``lire_situation``.

    Une valeur ``None`` n'est pas saisie : le champ prend sa valeur par défaut. Un
    questionnaire sans aucune réponse est absent ; commencé, il est transmis tel quel, et
    la validation dit ce qui manque (un questionnaire incomplet n'a pas de score).
    """
    donnees: dict[str, Any] = {}
    if valeurs.get("age") is not None:
        donnees["age"] = valeurs["age"]
    for section in SECTIONS:
        partie: dict[str, Any] = {}
        for champ in champs_du_formulaire(section):
            v = valeurs.get(champ.chemin)
            if v is not None:
                partie[champ.chemin.split(".", 1)[1]] = list(v) if champ.type == "liste" else v
        for questionnaire in sorted(QUESTIONNAIRES):
            if not questionnaire.startswith(section + "."):
                continue
            reponses = {k.rsplit(".", 1)[1]: valeurs.get(k)
                        for k in cles_questionnaire(questionnaire)}
            if all(v is None for v in reponses.values()):
                continue
            nom = questionnaire.split(".", 1)[1]
            if questionnaire == _ZARIT:
                partie[nom] = [v for v in reponses.values() if v is not None]
            else:
                partie[nom] = {k: v for k, v in reponses.items() if v is not None}
        if partie:
            donnees[section] = partie
    return donnees


def saisie_depuis_situation(situation: Situation) -> dict[str, Any]:
    """Toutes les clés du formulaire remplies depuis une situation (valeurs par défaut
    comprises) : charger un exemple remplace toute la saisie précédente."""
    valeurs: dict[str, Any] = dict.fromkeys(cles_saisie())
    donnees = situation.model_dump()
    valeurs["age"] = donnees["age"]
    for section in SECTIONS:
        for nom, v in donnees[section].items():
            chemin = f"{section}.{nom}"
            if chemin not in QUESTIONNAIRES:
                valeurs[chemin] = v
            elif isinstance(v, list):
                valeurs.update({f"{chemin}.{i}": r for i, r in enumerate(v)})
            elif isinstance(v, dict):
                valeurs.update({f"{chemin}.{k}": r for k, r in v.items()
                                if f"{chemin}.{k}" in valeurs})
    return valeurs


def saisie_vierge() -> dict[str, Any]:
    """Un formulaire vide : valeurs par défaut de la situation, âge à saisir."""
    valeurs = saisie_depuis_situation(Situation(age=0))
    valeurs["age"] = None
    return valeurs


def elements_saisis(situation: Situation, questionnaires: bool = False
                    ) -> list[tuple[str, str]]:
    """Ce que la saisie dit du patient (libellé, valeur lisible), sans les valeurs par
    défaut : le résumé d'une fiche. Les réponses aux questionnaires n'y figurent que si
    ``questionnaires`` (sinon leurs scores les résument)."""
    defaut = saisie_depuis_situation(Situation(age=situation.age))
    saisie = saisie_depuis_situation(situation)
    lignes = [("Âge", f"{situation.age} ans")]
    for cle, v in saisie.items():
        if cle == "age" or v == defaut[cle] or v is None:
            continue
        if not questionnaires and cle not in CHAMPS:
            continue
        lignes.append((libelle_cle(cle), valeur_lisible(v)))
    return lignes


def libelle_cle(cle: str) -> str:
    """Le libellé d'une clé du formulaire, questionnaires compris."""
    if cle in CHAMPS:
        return libelle_formulaire(cle)
    questionnaire, _, sous_cle = cle.rpartition(".")
    if questionnaire == _AGGIR:
        return f"AGGIR — {VARIABLES_AGGIR[sous_cle]}"
    if questionnaire == _FRAGILITE:
        if sous_cle == "jugement_fragile":
            return "GFST — jugement du clinicien : patient fragile"
        return f"GFST — {QUESTIONS_GFST[sous_cle]}"
    if questionnaire == _ZARIT:
        return f"Mini-Zarit — question {int(sous_cle) + 1}"
    if questionnaire == _EPICES:
        return f"EPICES — {QUESTIONS_EPICES[sous_cle]}"
    return cle


# --- Aperçu des instruments pendant la saisie --------------------------------------------------


def _reponses(valeurs: Mapping[str, Any], questionnaire: str) -> list[Any]:
    return [valeurs.get(k) for k in cles_questionnaire(questionnaire)]


def apercu_epices(valeurs: Mapping[str, Any], parametres: Mapping[str, Any]) -> str:
    """Le score EPICES dès que les 11 réponses sont données, sinon l'avancement."""
    reponses = dict(zip(QUESTIONS_EPICES, _reponses(valeurs, _EPICES), strict=True))
    faites = sum(v is not None for v in reponses.values())
    if faites < len(reponses):
        return f"{faites}/{len(reponses)} réponses"
    score = instruments.score_epices(reponses)
    seuil = parametres["epices.seuil_precarite"]
    verdict = "précarité" if score >= seuil else "pas de précarité"
    return (f"Score EPICES : {valeur_lisible(score)} / 100 — {verdict} "
            f"(seuil {valeur_lisible(float(seuil))})")


def apercu_mini_zarit(valeurs: Mapping[str, Any], parametres: Mapping[str, Any]) -> str:
    """Le total du mini-Zarit et la bande de fardeau, ou l'avancement."""
    reponses = _reponses(valeurs, _ZARIT)
    faites = [r for r in reponses if r is not None]
    if len(faites) < len(reponses):
        return f"{len(faites)}/{len(reponses)} réponses"
    score = instruments.score_mini_zarit(faites)
    bande = instruments.bande_mini_zarit(
        score, (parametres["mini_zarit.borne_fardeau_absent_ou_leger"],
                parametres["mini_zarit.borne_fardeau_leger_a_modere"],
                parametres["mini_zarit.borne_fardeau_modere_a_severe"]))
    return f"Mini-Zarit : {valeur_lisible(score)} / 7 — fardeau {FARDEAU[bande]}"


def apercu_aggir(valeurs: Mapping[str, Any]) -> str:
    """Le GIR calculé par la grille dès que les 8 variables sont codées."""
    codes = dict(zip(VARIABLES_AGGIR, _reponses(valeurs, _AGGIR), strict=True))
    faites = sum(v is not None for v in codes.values())
    if faites < len(codes):
        return f"{faites}/{len(codes)} variables codées"
    return f"GIR calculé : {instruments.gir_depuis_aggir(codes)}"


def apercu_fragilite(valeurs: Mapping[str, Any]) -> str:
    """La conclusion du GFST (avec le jugement du clinicien s'il est donné)."""
    reponses = dict(zip([*QUESTIONS_GFST, "jugement_fragile"], _reponses(valeurs, _FRAGILITE),
                        strict=True))
    jugement = reponses.pop("jugement_fragile")
    faites = sum(v is not None for v in reponses.values())
    if faites < len(reponses):
        return f"{faites}/{len(reponses)} réponses"
    return f"Fragilité (GFST) : {FRAGILITE[instruments.conclusion_gfst(reponses, jugement)]}"


def message_lisible(message: str) -> str:
    """Un message de ``ErreurSaisie`` précédé du libellé du champ qu'il nomme :
    « Aidant (social.aidant) : valeur … »."""
    chemin, sep, reste = message.partition(" : ")
    if not sep:
        return message
    cle = re.sub(r"\[(\d+)\]", r".\1", chemin)
    for candidat in (cle, cle.rsplit(".", 1)[0]):
        libelle = libelle_cle(candidat)
        if libelle != candidat:
            return f"{libelle} ({chemin}) : {reste}"
    if cle in ("autonomie.aggir", "autonomie.fragilite", "social.mini_zarit", "social.epices"):
        return f"{_QUESTIONNAIRES_LIBELLES[cle]} ({chemin}) : {reste}"
    return message


_QUESTIONNAIRES_LIBELLES = {
    "autonomie.aggir": "Grille AGGIR",
    "autonomie.fragilite": "Repérage de la fragilité (GFST)",
    "social.mini_zarit": "Mini-Zarit",
    "social.epices": "Score EPICES",
}


# --- Exemples livrés (examples/*.json) ---------------------------------------------------------

_TITRES_EXEMPLES = {
    "01_cas_simple": "Cas simple",
    "02_criteres_paerpa": "Critères PAERPA",
    "03_personne_agee_complexe": "Personne âgée, situation complexe",
    "04_handicap_rare": "Handicap rare",
    "05_jeune_adulte_handicape_sans_solution": "Jeune adulte handicapé sans solution",
    "06_soins_palliatifs_domicile": "Soins palliatifs à domicile",
    "07_precarite_sans_couverture": "Précarité, sans couverture maladie",
    "08_enfant": "Enfant",
    "09_urgence": "Urgence vitale",
    "10_sortie_hospitalisation": "Sortie d'hospitalisation",
    "11_fragilite_reperee": "Fragilité repérée",
    "12_maltraitance_suspectee": "Maltraitance suspectée",
    "13_complexite_ressentie": "Complexité ressentie par le médecin",
    "14_dependance_lourde": "Dépendance lourde",
    "15_retraite_gir5_hors_residence": "Retraité GIR 5 hors de sa résidence",
}


def exemples(dossier: Path) -> dict[str, Situation]:
    """Les situations d'exemple d'un dossier, par titre lisible, dans l'ordre des fichiers."""
    resultat: dict[str, Situation] = {}
    for chemin in sorted(dossier.glob("*.json")):
        titre = _TITRES_EXEMPLES.get(chemin.stem, chemin.stem.replace("_", " "))
        resultat[titre] = lire_situation_json(chemin.read_bytes())
    return resultat
