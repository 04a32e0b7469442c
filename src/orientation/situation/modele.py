"""La situation d'un patient, telle que le médecin traitant la décrit (CONTRACT.md, « Input »).

Les noms des champs sont le vocabulaire public du projet : ne pas les renommer.
Tout champ inconnu est une erreur (``extra="forbid"``) : un champ mal orthographié ne doit
jamais être ignoré en silence. Les types sont stricts (``"80"`` n'est pas un âge) ; la
lecture des tableaux (CSV, Excel) convertit les cellules avant la validation.

Valeurs par défaut (CONTRACT.md) : un booléen absent vaut « non », un nombre absent vaut 0,
une énumération absente prend sa première valeur ; ``medecin_traitant`` vaut « oui ».
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from orientation.situation.instruments import gir_depuis_aggir

MaladieChronique = Literal[
    "diabete",
    "insuffisance_cardiaque",
    "bpco",
    "insuffisance_renale",
    "cancer",
    "avc",
    "maladie_neurodegenerative",
    "maladie_psychiatrique",
    "hypertension",
    "obesite",
    "vih",
    "maladie_rare",
    "autre",
]
TypeHandicap = Literal[
    "moteur",
    "sensoriel",
    "psychique",
    "mental",
    "cognitif",
    "polyhandicap",
    "maladie_invalidante",
]
CodeAggir = Literal["A", "B", "C"]
ReponseGfst = Literal["oui", "non", "ne_sait_pas"]
ReponseZarit = Literal["jamais", "parfois", "souvent"]

# Les champs qu'un validateur lit ensemble (``info.data``) : leur validité ne se juge qu'ensemble.
# Le repérage des cohortes (``tables.cohorte``) valide chaque groupe d'un bloc ; un test vérifie
# que chaque ``info.data.get(...)`` de ce module y figure.
CHAMPS_LIES: tuple[tuple[str, ...], ...] = (
    ("sante.chutes_6_mois", "sante.chutes_12_mois"),  # Sante._chutes_coherentes
    ("autonomie.gir", "autonomie.aggir"),  # Autonomie._gir_coherent (et la grille entière)
)


class _Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _sans_doublon(valeurs: list[str]) -> list[str]:
    vus: list[str] = []
    for v in valeurs:
        if v in vus:
            raise ValueError(f"la valeur « {v} » figure deux fois")
        vus.append(v)
    return valeurs


class Contexte(_Modele):
    """Circonstances de la consultation (parcours de soins coordonnés, cas particuliers)."""

    medecin_traitant: bool = True
    urgence: bool = False
    hors_residence_habituelle: bool = False
    sortie_hospitalisation: bool = False
    complexite_ressentie: bool = False
    suivi_appui_en_cours: bool = False
    # Ajouté (issue 8) : la sortie de détention, transition à risque de rupture comme la
    # sortie d'hospitalisation (soins des détenus par l'hôpital public et affiliation à
    # l'assurance maladie : loi n° 94-43 du 18 janvier 1994, CSS L381-30).
    sortie_de_detention: bool = False


class Sante(_Modele):
    # Bornes de structure (chaque valeur une seule fois) : une liste démesurée est refusée
    # d'un seul message, avant que chacun de ses éléments ne soit validé.
    maladies_chroniques: list[MaladieChronique] = Field(
        default_factory=list, max_length=len(get_args(MaladieChronique)))
    insuffisance_organe_severe: bool = False
    pathologie_instable: bool = False
    nb_medicaments: int = Field(default=0, ge=0, le=60)
    hospitalisations_non_programmees_6_mois: int = Field(default=0, ge=0, le=50)
    chutes_6_mois: int = Field(default=0, ge=0, le=100)
    chute_grave: bool = False
    troubles_cognitifs: bool = False
    troubles_psychiques: bool = False
    addiction: bool = False
    douleur_chronique: bool = False
    denutrition: bool = False
    soins_palliatifs: bool = False
    refus_de_soins: bool = False
    # Ajoutés (issue 8), chacun avec sa source :
    # - chutes sur 12 mois : la définition des chutes répétées (au moins 2 en 12 mois, HAS /
    #   SFGG 2009) ; « chutes_6_mois » reste (contrat), ses chutes sont comptées dans les 12 ;
    chutes_12_mois: int = Field(default=0, ge=0, le=100)
    # - troubles du comportement perturbateurs (agitation, agressivité, déambulation : HAS
    #   2009), facteur de rupture de la grille du DAC, distincts des troubles de l'humeur ;
    troubles_du_comportement: bool = False
    # - douleur chronique rebelle aux premier et second recours (HAS 2023 : structure douleur
    #   chronique en recours ultérieur) ;
    douleur_rebelle: bool = False
    # - crise suicidaire (3114 ; HAS, idées et conduites suicidaires) ;
    crise_suicidaire: bool = False
    # - périnatalité : grossesse en cours, accouchement dans l'année (CSP L2112-2, PMI) ;
    grossesse: bool = False
    post_partum: bool = False
    # - affection de longue durée reconnue (CSS L160-14), critère du bilan partagé de
    #   médication (arrêté du 9 mars 2018) ;
    ald: bool = False
    # - trouble du neurodéveloppement suspecté ou diagnostiqué (CSP L2135-1 ; HAS 2020) et
    #   trouble du spectre de l'autisme (centres ressources autisme, CASF L312-1, I, 11°).
    trouble_neurodeveloppement: bool = False
    autisme: bool = False

    _doublons = field_validator("maladies_chroniques")(_sans_doublon)

    @field_validator("chutes_12_mois")
    @classmethod
    def _chutes_coherentes(cls, chutes_12_mois: int, info: ValidationInfo) -> int:
        chutes_6_mois = info.data.get("chutes_6_mois", 0)
        if 0 < chutes_12_mois < chutes_6_mois:
            raise ValueError(
                f"{chutes_12_mois} chute(s) en 12 mois mais {chutes_6_mois} en 6 mois "
                "(sante.chutes_6_mois) : les chutes des 6 derniers mois sont comptées dans les "
                "12 derniers mois"
            )
        return chutes_12_mois


class Aggir(_Modele):
    """Les huit variables discriminantes d'AGGIR (CASF annexe 2-2), codées A, B ou C.

    ``deplacement_exterieur`` et ``communication`` sont acceptées mais pèsent 0 dans
    tous les groupes de l'algorithme.
    """

    coherence: CodeAggir
    orientation: CodeAggir
    toilette: CodeAggir
    habillage: CodeAggir
    alimentation: CodeAggir
    elimination: CodeAggir
    transferts: CodeAggir
    deplacement_interieur: CodeAggir
    deplacement_exterieur: CodeAggir | None = None
    communication: CodeAggir | None = None


class Fragilite(_Modele):
    """Questionnaire du Gérontopôle (GFST, Vellas 2013) et jugement du clinicien."""

    vit_seul: ReponseGfst
    perte_de_poids: ReponseGfst
    fatigue: ReponseGfst
    mobilite: ReponseGfst
    plainte_memoire: ReponseGfst
    marche_lente: ReponseGfst
    jugement_fragile: bool | None = None


class Autonomie(_Modele):
    gir: int | None = Field(default=None, ge=1, le=6)
    aggir: Aggir | None = None
    adl_dependantes: int = Field(default=0, ge=0, le=6)
    iadl_dependantes: int = Field(default=0, ge=0, le=8)
    autonomie_decisionnelle_alteree: bool = False
    aides: Literal["adaptees", "insuffisantes", "aucune"] = "adaptees"
    fragilite: Fragilite | None = None

    @field_validator("aggir")
    @classmethod
    def _gir_coherent(cls, aggir: Aggir | None, info: ValidationInfo) -> Aggir | None:
        gir = info.data.get("gir")
        if gir is not None and aggir is not None:
            calcule = gir_depuis_aggir(aggir.model_dump())
            if calcule != gir:
                raise ValueError(
                    f"la grille AGGIR donne le GIR {calcule}, le GIR saisi (autonomie.gir) est "
                    f"{gir} : corrigez l'un ou l'autre, ou ne donnez que la grille"
                )
        return aggir


class Handicap(_Modele):
    types: list[TypeHandicap] = Field(default_factory=list,
                                      max_length=len(get_args(TypeHandicap)))
    reconnaissance_mdph: bool = False
    handicap_rare: bool = False
    sans_solution: bool = False

    _doublons = field_validator("types")(_sans_doublon)


class Epices(_Modele):
    """Les 11 questions du score EPICES (Sass 2006), réponse oui (true) ou non (false).

    Un questionnaire incomplet n'a pas de score : toutes les clés sont obligatoires.
    """

    travailleur_social: bool
    complementaire: bool
    couple: bool
    proprietaire: bool
    difficultes_financieres: bool
    sport: bool
    spectacle: bool
    vacances: bool
    contacts_famille: bool
    hebergement_possible: bool
    aide_materielle: bool


class Social(_Modele):
    vit_seul: bool = False
    isolement: bool = False
    aidant: Literal["present", "aucun", "epuise"] = "present"
    mini_zarit: list[ReponseZarit] | None = Field(default=None, min_length=7, max_length=7)
    logement: Literal["adapte", "inadapte", "insalubre", "sans_domicile"] = "adapte"
    # « ame » ajouté (issue 8) : aide médicale de l'État (CASF L251-1), hors du parcours de
    # soins coordonnés (pas de minoration sans médecin traitant).
    couverture: Literal["complete", "sans_complementaire", "aucune", "ame"] = "complete"
    epices: Epices | None = None
    difficultes_financieres: bool = False
    barriere_linguistique: bool = False
    protection_juridique: Literal["aucune", "a_evaluer", "en_place"] = "aucune"
    maltraitance_suspectee: bool = False
    # Ajoutés (issue 8) : violences au sein du couple (3919 ; code pénal, art. 226-14, 3°) ;
    # la personne est elle-même aidante d'un proche (CASF L113-1-3 ; jeunes aidants) ;
    # étrangère sans titre de séjour (droit à l'AME, CASF L251-1 ; soins urgents, L254-1).
    violences_conjugales: bool = False
    est_aidant: bool = False
    sans_titre_de_sejour: bool = False


class Situation(_Modele):
    """La situation d'un patient. Seul ``age`` est obligatoire."""

    age: int = Field(ge=0, le=120)
    contexte: Contexte = Field(default_factory=Contexte)
    sante: Sante = Field(default_factory=Sante)
    autonomie: Autonomie = Field(default_factory=Autonomie)
    handicap: Handicap = Field(default_factory=Handicap)
    social: Social = Field(default_factory=Social)
