"""Le profil « population » de la cohorte synthétique (``orientation synth --profil population``).

Le profil « couverture » (``synthese.bloc``) est fait pour que chaque règle tire : il
surreprésente les situations rares. Celui-ci tire chaque champ **à sa fréquence dans la
population française**, par tranche d'âge, pour mesurer ce que le référentiel produirait sur
un territoire (part de parcours complexes, appuis sollicités). Les prévalences et leurs
sources sont dans ``docs/cohorte_synthetique.md`` ; ce sont des **ordres de grandeur** de
publications nationales (INSEE, DREES, Cnam, HAS, Santé publique France…), pas des règles de
repérage : aucun seuil du référentiel n'est ici.

Les liens entre champs (la dépendance appelle l'aide, les troubles cognitifs l'altération de
l'autonomie décisionnelle, la polypathologie les médicaments…) passent par un facteur de
santé latent par personne, de moyenne 1 (choix du projet, documenté) : il corrèle sans
déformer les fréquences marginales.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from orientation.situation.instruments import EPICES_COEFFICIENTS
from orientation.tables.colonnes import COLONNES
from orientation.tables.tirage import choix, depart, joindre, oui_non

# Tranches d'âge des tables : 0-17, 18-39, 40-59, 60-74, 75-84, 85 et plus.
BORNES_TRANCHES = (18, 40, 60, 75, 85)

# Pyramide des âges, France entière au 1er janvier 2024 (INSEE), en % par tranche de 5 ans.
PYRAMIDE = (
    (0, 5.2), (5, 5.8), (10, 6.2), (15, 6.2), (20, 5.7), (25, 5.6), (30, 6.0), (35, 6.3),
    (40, 6.4), (45, 6.2), (50, 6.7), (55, 6.5), (60, 6.3), (65, 5.8), (70, 5.4), (75, 4.2),
    (80, 2.9), (85, 2.0), (90, 1.0), (95, 0.35),
)

# Maladies chroniques : prévalence par tranche (Cnam, cartographie des pathologies 2022 ;
# obésité : Obépi-Roche 2020 ; maladies rares : plan national maladies rares 3, 3 millions
# de personnes, dont la part diagnostiquée et connue du médecin traitant est prise à 2 %).
MALADIES = {
    "diabete": (0.002, 0.01, 0.06, 0.15, 0.19, 0.17),
    "insuffisance_cardiaque": (0.0, 0.001, 0.005, 0.02, 0.06, 0.14),
    "bpco": (0.0, 0.004, 0.025, 0.06, 0.08, 0.09),
    "insuffisance_renale": (0.0, 0.001, 0.004, 0.015, 0.04, 0.07),
    "cancer": (0.002, 0.005, 0.03, 0.07, 0.09, 0.09),
    "avc": (0.0, 0.001, 0.006, 0.02, 0.045, 0.07),
    "maladie_neurodegenerative": (0.001, 0.001, 0.004, 0.02, 0.07, 0.18),
    "maladie_psychiatrique": (0.01, 0.03, 0.035, 0.03, 0.03, 0.03),
    "hypertension": (0.001, 0.02, 0.15, 0.35, 0.50, 0.55),
    "obesite": (0.04, 0.10, 0.17, 0.18, 0.14, 0.08),
    "vih": (0.0, 0.003, 0.004, 0.002, 0.001, 0.0005),
    "maladie_rare": (0.02, 0.02, 0.02, 0.02, 0.02, 0.02),
    "autre": (0.05, 0.08, 0.12, 0.15, 0.18, 0.20),
}
# Maladies qui relèvent d'une affection de longue durée quand elles sont présentes (liste des
# ALD 30, CSS D160-4) ; l'hypertension n'en fait plus partie depuis 2011, l'obésité jamais.
MALADIES_ALD = ("diabete", "insuffisance_cardiaque", "insuffisance_renale", "cancer", "avc",
                "maladie_neurodegenerative", "maladie_psychiatrique", "vih", "maladie_rare")

# Chaque ligne : probabilité par tranche (0-17, 18-39, 40-59, 60-74, 75-84, 85+).
PREVALENCES = {
    # Troubles cognitifs (PAQUID ; Santé publique France, démences : ~ 10 % des 75-84 ans,
    # ~ 28 % des 85 ans et plus) ; chez l'enfant, difficultés cognitives repérées (troubles
    # du neurodéveloppement les plus visibles, HAS 2020).
    "troubles_cognitifs": (0.03, 0.002, 0.005, 0.03, 0.10, 0.28),
    # Troubles de l'humeur ou du comportement en cours (Baromètre santé 2021 : épisode
    # dépressif caractérisé dans l'année chez ~ 12 % des 18-75 ans ; part en cours ~ 8 %).
    "troubles_psychiques": (0.04, 0.08, 0.08, 0.07, 0.09, 0.11),
    # Addiction qui demande des soins (OFDT, Drogues et addictions, chiffres clés 2022).
    "addiction": (0.005, 0.05, 0.04, 0.02, 0.01, 0.005),
    # Douleur chronique (HAS 2023 : plus de 12 millions de personnes, ~ 20-30 % des adultes).
    "douleur_chronique": (0.05, 0.15, 0.22, 0.28, 0.32, 0.35),
    # Dénutrition (HAS 2021 : 4 à 10 % des personnes âgées à domicile, davantage après 85 ans).
    "denutrition": (0.005, 0.005, 0.01, 0.03, 0.07, 0.12),
    # Soins palliatifs en cours (~ 60 % des 650 000 décès annuels relèvent de soins
    # palliatifs, sur quelques mois : ~ 0,15 % de la population, surtout après 75 ans).
    "soins_palliatifs": (0.0002, 0.0003, 0.0015, 0.004, 0.01, 0.025),
    # Refus de soins (choix du projet, ordre de grandeur : 1 % des personnes âgées suivies).
    "refus_de_soins": (0.002, 0.004, 0.005, 0.007, 0.01, 0.015),
    # Vit seul (INSEE, recensement : ménages d'une personne ; ~ 24 % des 60-74 ans, ~ 36 % des
    # 75-84 ans, ~ 50 % des 85 ans et plus vivant à domicile).
    "vit_seul": (0.0, 0.12, 0.14, 0.24, 0.36, 0.50),
    # Isolement relationnel (Petits Frères des Pauvres, baromètre 2021 : 2 millions de 60 ans et
    # plus isolés des cercles familiaux et amicaux, ~ 11 % ; davantage après 75 ans).
    "isolement": (0.01, 0.04, 0.05, 0.08, 0.11, 0.14),
    # Difficultés financières réelles (INSEE : taux de pauvreté ~ 14 %, moindre après 65 ans).
    "difficultes_financieres": (0.10, 0.12, 0.10, 0.07, 0.06, 0.06),
    # Barrière linguistique (choix du projet ; INSEE : ~ 1,5 % des adultes ne parlent pas
    # français couramment).
    "barriere_linguistique": (0.01, 0.02, 0.02, 0.015, 0.01, 0.01),
    # Dépendance GIR 1 à 4 (DREES, bénéficiaires de l'APA et enquêtes CARE : ~ 2,5 % des
    # 60-74 ans, ~ 9 % des 75-84 ans, ~ 35 % des 85 ans et plus) ; avant 60 ans, perte
    # d'autonomie d'origine handicap (DREES, enquête Autonomie 2022).
    "gir_1_4": (0.003, 0.003, 0.006, 0.025, 0.09, 0.35),
    # GIR 5 parmi les autres (DREES : ~ 3 %, 8 %, 15 %).
    "gir_5": (0.0, 0.002, 0.005, 0.03, 0.08, 0.15),
    # Vie en établissement (EHPAD, USLD) : DREES, enquête EHPA 2019 (~ 1 % des 75-84 ans
    # autonomes, ~ 20 % des 85 ans et plus), surtout en GIR 1 à 3.
    "etablissement": (0.0, 0.0, 0.0, 0.004, 0.03, 0.18),
    # Chutes par an, taux moyen (HAS/SFGG 2009 : un tiers des 65 ans et plus tombent chaque
    # année, la moitié des 80 ans et plus).
    "chutes_par_an": (0.03, 0.03, 0.05, 0.35, 0.55, 0.85),
    # Hospitalisations non programmées par semestre, taux moyen (DREES, ATIH : recours aux
    # urgences suivi d'hospitalisation croissant avec l'âge).
    "hospitalisations_par_semestre": (0.01, 0.01, 0.02, 0.03, 0.05, 0.09),
    # Sans domicile (INSEE 2012, Fondation pour le logement des défavorisés 2024 : ~ 330 000
    # personnes, ~ 0,5 % ; familles avec enfants comprises).
    "sans_domicile": (0.003, 0.006, 0.005, 0.002, 0.0005, 0.0),
    # Logement insalubre (~ 1 % des ménages, habitat indigne).
    "insalubre": (0.01, 0.01, 0.01, 0.008, 0.008, 0.008),
    # Logement inadapté à la personne (choix du projet : 3 % des 60-74 ans, 6 % après 75 ans,
    # 12 % des personnes dépendantes à domicile).
    "inadapte": (0.0, 0.0, 0.005, 0.03, 0.06, 0.06),
    # Maltraitance suspectée par le médecin (ONPE : ~ 300 000 mineurs suivis en protection de
    # l'enfance, ~ 2 % ; OMS : une personne âgée sur six victime, rarement repérée).
    "maltraitance": (0.003, 0.002, 0.002, 0.003, 0.005, 0.008),
    # Protection juridique en place (~ 800 000 majeurs protégés, ~ 1,5 % des adultes).
    "protection_en_place": (0.0, 0.01, 0.012, 0.015, 0.03, 0.07),
    # Sans médecin traitant déclaré (Cnam : ~ 11 % des 17 ans et plus ; plus fréquent chez
    # l'enfant, sans pénalité avant 16 ans).
    "sans_medecin_traitant": (0.35, 0.16, 0.11, 0.06, 0.04, 0.04),
    # Couverture : sans complémentaire (DREES : ~ 4 %) ; sans droits ouverts (< 0,5 %).
    "sans_complementaire": (0.03, 0.05, 0.04, 0.04, 0.04, 0.04),
    "sans_couverture": (0.001, 0.004, 0.003, 0.001, 0.0005, 0.0005),
    # Aide médicale de l'État (DREES : ~ 420 000 bénéficiaires, ~ 0,6 %, surtout 20-59 ans).
    "ame": (0.004, 0.012, 0.008, 0.002, 0.0005, 0.0),
    # Grossesse en cours (~ 680 000 naissances par an : ~ 2 % des 18-39 ans à un instant donné,
    # hommes et femmes confondus) et post-partum (dans l'année).
    "grossesse": (0.001, 0.022, 0.002, 0.0, 0.0, 0.0),
    "post_partum": (0.001, 0.028, 0.003, 0.0, 0.0, 0.0),
    # Proche aidant (DREES 2021 : 9,3 millions d'aidants, ~ 17 % des adultes ; jeunes aidants :
    # ~ 5 % des collégiens et lycéens).
    "est_aidant": (0.03, 0.10, 0.20, 0.22, 0.15, 0.08),
    # Crise suicidaire en cours (Santé publique France : ~ 200 000 passages pour geste
    # suicidaire par an ; crise au moment de la consultation, choix du projet : 0,2 %).
    "crise_suicidaire": (0.002, 0.003, 0.002, 0.0015, 0.001, 0.001),
    # Violences au sein du couple (ministère de l'Intérieur, enquête Genese : ~ 1 % des femmes
    # de 18 à 75 ans par an ; hommes et femmes confondus ~ 0,6 %).
    "violences_conjugales": (0.0, 0.008, 0.006, 0.003, 0.001, 0.0005),
    # Sortie de détention récente ou prévue (~ 80 000 sorties par an ; à un instant donné,
    # choix du projet : 0,05 % des adultes jeunes).
    "sortie_de_detention": (0.0, 0.0008, 0.0005, 0.0001, 0.0, 0.0),
    # Trouble du neurodéveloppement suspecté ou diagnostiqué (HAS 2020 : ~ un enfant sur six
    # concerné au sens large ; repéré par le médecin, choix du projet : 5 % des mineurs).
    "trouble_neurodeveloppement": (0.05, 0.01, 0.005, 0.002, 0.001, 0.001),
    # Autisme (HAS 2018 : ~ 1 % des naissances, 700 000 personnes).
    "autisme": (0.01, 0.008, 0.006, 0.005, 0.005, 0.005),
    # Déjà suivi par un DAC ou un gestionnaire de cas (CNSA : ~ 60 000 personnes en gestion
    # de cas ex-MAIA ; DAC : file active de l'ordre de 0,3 % de la population).
    "suivi_appui_en_cours": (0.0005, 0.001, 0.002, 0.004, 0.01, 0.02),
    # Complexité ressentie par le professionnel (choix du projet : 0,2 % hors dépendance ;
    # PAERPA : 11 200 PPS pour 700 000 personnes de 75 ans et plus en 3 ans et demi).
    "complexite_ressentie": (0.001, 0.001, 0.002, 0.003, 0.005, 0.008),
}


def _tranche(age: np.ndarray) -> np.ndarray:
    return np.searchsorted(np.array(BORNES_TRANCHES), age, side="right")


def _p(nom: str, tranche: np.ndarray) -> np.ndarray:
    return np.array(PREVALENCES[nom])[tranche]


def bloc_population(n: int, graine: int, numero: int, debut_id: int = 1) -> pd.DataFrame:
    """``n`` personnes tirées aux fréquences de la population française (colonnes de
    ``COLONNES``, en texte ; les champs absents du modèle sont ignorés)."""
    rng = np.random.default_rng(np.random.SeedSequence([graine, numero, 2]))
    c, age = depart(rng, n, PYRAMIDE, debut_id)
    t = _tranche(age)
    mineur, adulte = age < 18, age >= 18

    def tirer(nom: str, facteur: np.ndarray | float = 1.0) -> np.ndarray:
        """Tire le champ ``nom`` à sa prévalence par tranche ; ``facteur`` (corrélation avec
        d'autres champs) est ramené à une moyenne de 1 dans chaque tranche, pour que la
        prévalence de la tranche reste celle de la table."""
        facteur = np.broadcast_to(np.asarray(facteur, dtype=float), (n,))
        moyennes = np.bincount(t, weights=facteur, minlength=6) / np.maximum(
            1, np.bincount(t, minlength=6))
        relatif = facteur / np.where(moyennes[t] > 0, moyennes[t], 1)
        return rng.random(n) < np.minimum(0.98, _p(nom, t) * relatif)

    # Facteur de santé latent (loi gamma de moyenne 1) : corrèle sans changer les moyennes.
    sante_latente = rng.gamma(3.0, 1 / 3, n)
    precarite = rng.gamma(1.5, 1 / 1.5, n)

    # --- Santé ---
    maladies = {m: rng.random(n) < np.minimum(0.95, np.array(p)[t] * sante_latente)
                for m, p in MALADIES.items()}
    nb_maladies = sum(m.astype(int) for m in maladies.values())
    c["sante.maladies_chroniques"] = joindre(maladies, n)
    ald = np.any(np.column_stack([maladies[m] for m in MALADIES_ALD]), axis=1)
    c["sante.ald"] = oui_non(ald | ((nb_maladies >= 3) & (rng.random(n) < 0.5)))
    organe = maladies["insuffisance_cardiaque"] | maladies["bpco"] | maladies["insuffisance_renale"]
    c["sante.insuffisance_organe_severe"] = oui_non(organe & (rng.random(n) < 0.25))
    instable = (nb_maladies > 0) & (rng.random(n) < np.array(
        (0.02, 0.02, 0.03, 0.04, 0.06, 0.08))[t] * sante_latente)
    c["sante.pathologie_instable"] = oui_non(instable)
    medicaments = np.minimum(60, rng.poisson(0.2 + 1.9 * nb_maladies * np.sqrt(sante_latente)
                                             + np.clip(age - 60, 0, None) * 0.04))
    c["sante.nb_medicaments"] = medicaments.astype(str).astype(object)
    hospit = np.minimum(50, rng.poisson(_p("hospitalisations_par_semestre", t)
                                        * sante_latente * (1 + 0.4 * nb_maladies)))
    c["sante.hospitalisations_non_programmees_6_mois"] = hospit.astype(str).astype(object)
    chutes_an = np.minimum(100, rng.poisson(_p("chutes_par_an", t) * sante_latente ** 1.5))
    chutes_6 = rng.binomial(chutes_an, 0.5)
    c["sante.chutes_12_mois"] = chutes_an.astype(str).astype(object)
    c["sante.chutes_6_mois"] = chutes_6.astype(str).astype(object)
    c["sante.chute_grave"] = oui_non((chutes_an > 0) & (rng.random(n) < 0.1))
    # La prévalence des troubles cognitifs est totale : la part portée par une maladie
    # neuro-évolutive connue (85 % d'entre elles) est ôtée du tirage des autres.
    neuro = maladies["maladie_neurodegenerative"]
    reste = np.clip(_p("troubles_cognitifs", t) - 0.85 * np.array(
        MALADIES["maladie_neurodegenerative"])[t], 0, None)
    cognitifs = np.where(neuro, rng.random(n) < 0.85,
                         rng.random(n) < reste / (1 - np.array(
                             MALADIES["maladie_neurodegenerative"])[t]) * sante_latente)
    c["sante.troubles_cognitifs"] = oui_non(cognitifs)
    psy = np.where(maladies["maladie_psychiatrique"], rng.random(n) < 0.7,
                   tirer("troubles_psychiques"))
    c["sante.troubles_psychiques"] = oui_non(psy)
    comportement = np.where(cognitifs & adulte, rng.random(n) < 0.2, rng.random(n) < 0.003)
    c["sante.troubles_du_comportement"] = oui_non(comportement)
    c["sante.addiction"] = oui_non(tirer("addiction", precarite))
    douleur = tirer("douleur_chronique")
    c["sante.douleur_chronique"] = oui_non(douleur)
    c["sante.douleur_rebelle"] = oui_non(douleur & (rng.random(n) < 0.1))
    c["sante.denutrition"] = oui_non(tirer("denutrition", sante_latente))
    palliatifs = tirer("soins_palliatifs", np.where(maladies["cancer"], 6.0, 0.6))
    c["sante.soins_palliatifs"] = oui_non(palliatifs)
    c["sante.refus_de_soins"] = oui_non(tirer("refus_de_soins", sante_latente))
    c["sante.crise_suicidaire"] = oui_non(tirer("crise_suicidaire", 1 + 4 * psy))
    c["sante.grossesse"] = oui_non(tirer("grossesse") & (age >= 14) & (age <= 50))
    c["sante.post_partum"] = oui_non(tirer("post_partum") & (age >= 14) & (age <= 50))
    tnd = tirer("trouble_neurodeveloppement")
    autisme = tirer("autisme")
    c["sante.trouble_neurodeveloppement"] = oui_non(tnd | autisme)
    c["sante.autisme"] = oui_non(autisme)

    # --- Autonomie ---
    # Dépendance : plus fréquente avec des troubles cognitifs (facteur 1 + 1,5), normalisée
    # pour garder la prévalence de la tranche ; les résidents d'établissement sont surtout
    # dépendants (85 %).
    etablissement = tirer("etablissement", sante_latente)
    poids_cognitif = (1 + 1.5 * cognitifs) / (1 + 1.5 * _p("troubles_cognitifs", t))
    part_etablissement = 0.85 * _p("etablissement", t)
    a_domicile = np.clip(_p("gir_1_4", t) - part_etablissement, 0, None) / (
        1 - _p("etablissement", t))
    dependant = np.where(etablissement, rng.random(n) < 0.85,
                         rng.random(n) < np.minimum(0.98, a_domicile * sante_latente
                                                    * poids_cognitif))
    gir = np.where(dependant, choix(rng, ("1", "2", "3", "4"),
                                     np.tile([0.06, 0.25, 0.20, 0.49], (n, 1))), "6")
    gir = np.where(~dependant & tirer("gir_5", sante_latente), "5", gir).astype(object)
    rang = gir.astype(int)
    evalue = (age >= 60) & np.where(dependant, rng.random(n) < 0.85,
                                    np.where(rang == 5, rng.random(n) < 0.5,
                                             rng.random(n) < 0.03))
    evalue |= dependant & (age >= 18) & (rng.random(n) < 0.4)
    c["autonomie.gir"] = np.where(evalue, gir, "").astype(object)
    adl = np.select([rang <= 2, rang == 3, rang == 4, rang == 5],
                    [rng.integers(4, 7, n), rng.integers(2, 5, n), rng.integers(1, 3, n),
                     rng.integers(0, 2, n)], 0)
    iadl = np.select([rang <= 3, rang == 4, rang == 5],
                     [rng.integers(6, 9, n), rng.integers(3, 7, n), rng.integers(1, 4, n)],
                     np.where(age >= 75, rng.binomial(2, 0.1, n), 0))
    c["autonomie.adl_dependantes"] = adl.astype(str).astype(object)
    c["autonomie.iadl_dependantes"] = iadl.astype(str).astype(object)
    decision = np.where(cognitifs & adulte, rng.random(n) < np.where(rang <= 3, 0.7, 0.25),
                        rng.random(n) < 0.002 * adulte)
    c["autonomie.autonomie_decisionnelle_alteree"] = oui_non(decision)
    besoin = (dependant | (adl > 0) | (iadl > 0)) & ~etablissement
    p_aides = np.where(dependant[:, None], [0.78, 0.17, 0.05], [0.85, 0.10, 0.05])
    aides = np.where(besoin, choix(rng, ("adaptees", "insuffisantes", "aucune"), p_aides),
                     "adaptees")
    c["autonomie.aides"] = aides.astype(object)

    # --- Handicap (DREES, enquête Autonomie 2022 ; MDPH : ~ 6 millions de droits ouverts) ---
    handicape = rng.random(n) < np.array((0.03, 0.05, 0.07, 0.08, 0.08, 0.08))[t]
    handicape |= tnd & mineur & (rng.random(n) < 0.3)
    types = {h: handicape & (rng.random(n) < p) for h, p in (
        ("moteur", 0.35), ("sensoriel", 0.25), ("psychique", 0.2), ("mental", 0.15),
        ("cognitif", 0.1), ("polyhandicap", 0.03), ("maladie_invalidante", 0.15))}
    aucun_type = handicape & ~np.any(np.column_stack(list(types.values())), axis=1)
    types["moteur"] |= aucun_type
    c["handicap.types"] = joindre(types, n)
    c["handicap.reconnaissance_mdph"] = oui_non(handicape & (rng.random(n) < 0.65))
    c["handicap.handicap_rare"] = oui_non(handicape & (rng.random(n) < 0.003))
    c["handicap.sans_solution"] = oui_non(handicape & (rng.random(n) < 0.01))

    # --- Social ---
    domicile = ~etablissement
    vit_seul = tirer("vit_seul") & domicile & adulte
    c["social.vit_seul"] = oui_non(vit_seul)
    c["social.isolement"] = oui_non(tirer("isolement", np.where(vit_seul, 2.0, 0.6)) & domicile)
    aide_requise = (dependant | (adl > 0) | cognitifs | palliatifs) & domicile & adulte
    p_aidant = np.tile([0.70, 0.15, 0.15], (n, 1))
    aidant = np.where(aide_requise, choix(rng, ("present", "aucun", "epuise"), p_aidant),
                      "present")
    c["social.aidant"] = aidant.astype(object)
    zarit = aide_requise & (aidant != "aucun") & (rng.random(n) < 0.2)
    charge = np.where(aidant == "epuise", 0.7, 0.3)
    reponses = [choix(rng, ("jamais", "parfois", "souvent"),
                       np.column_stack([1 - charge, charge * 0.6, charge * 0.4]))
                for _ in range(7)]
    c["social.mini_zarit"][zarit] = np.array([";".join(r) for r in zip(*reponses,
                                                                        strict=True)],
                                             dtype=object)[zarit]
    sans_domicile = tirer("sans_domicile", precarite) & domicile
    logement = np.where(sans_domicile, "sans_domicile",
                        np.where(tirer("insalubre", precarite) & domicile, "insalubre",
                                 np.where(tirer("inadapte", 1 + 1.0 * dependant) & domicile,
                                          "inadapte", "adapte")))
    c["social.logement"] = logement.astype(object)
    couverture = np.where(tirer("sans_couverture", precarite) | (sans_domicile
                                                                 & (rng.random(n) < 0.2)),
                          "aucune",
                          np.where(tirer("ame"), "ame",
                                   np.where(tirer("sans_complementaire", precarite),
                                            "sans_complementaire", "complete")))
    c["social.couverture"] = couverture.astype(object)
    c["social.sans_titre_de_sejour"] = oui_non((couverture == "ame")
                                                | ((couverture == "aucune")
                                                   & (rng.random(n) < 0.3)))
    epices = adulte & (rng.random(n) < 0.10)
    p_oui = {"travailleur_social": 0.1, "complementaire": 0.93, "couple": 0.6,
             "proprietaire": 0.58, "difficultes_financieres": 0.12, "sport": 0.5,
             "spectacle": 0.5, "vacances": 0.6, "contacts_famille": 0.8,
             "hebergement_possible": 0.8, "aide_materielle": 0.8}
    for q, coef in EPICES_COEFFICIENTS.items():
        p = np.clip(p_oui[q] * (precarite if coef > 0 else 1 / (0.5 + 0.5 * precarite)), 0, 1)
        c[f"social.epices.{q}"][epices] = oui_non(rng.random(n) < p)[epices]
    c["social.difficultes_financieres"] = oui_non(tirer("difficultes_financieres", precarite))
    c["social.barriere_linguistique"] = oui_non(tirer("barriere_linguistique"))
    en_place = tirer("protection_en_place", 1 + 8 * decision) & adulte
    a_evaluer = decision & ~en_place & (rng.random(n) < 0.3)
    c["social.protection_juridique"] = np.where(en_place, "en_place",
                                                np.where(a_evaluer, "a_evaluer", "aucune")
                                                ).astype(object)
    c["social.maltraitance_suspectee"] = oui_non(tirer("maltraitance", 1 + 1.5 * dependant))
    c["social.violences_conjugales"] = oui_non(tirer("violences_conjugales"))
    c["social.est_aidant"] = oui_non(tirer("est_aidant") & (age >= 10))
    c["contexte.sortie_de_detention"] = oui_non(tirer("sortie_de_detention"))

    # --- Contexte de la consultation ---
    c["contexte.medecin_traitant"] = oui_non(~tirer("sans_medecin_traitant", precarite))
    c["contexte.urgence"] = oui_non(rng.random(n) < 0.002)
    c["contexte.hors_residence_habituelle"] = oui_non(rng.random(n) < 0.01)
    c["contexte.sortie_hospitalisation"] = oui_non(rng.random(n) < 0.001 + 0.15 * (hospit > 0))
    c["contexte.complexite_ressentie"] = oui_non(tirer("complexite_ressentie",
                                                        1 + 3 * dependant))
    c["contexte.suivi_appui_en_cours"] = oui_non(tirer("suivi_appui_en_cours",
                                                        1 + 3 * dependant))
    return pd.DataFrame(c, columns=COLONNES)
