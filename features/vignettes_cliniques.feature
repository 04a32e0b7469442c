# language: fr
Fonctionnalité: Vignettes cliniques, de la naissance au grand âge
  Les situations qu'un médecin généraliste rencontre en consultation, écrites depuis les
  textes (code de la santé publique, code de l'action sociale et des familles, code pénal,
  recommandations de la HAS, shared/domain/REFERENTIEL.md) et non depuis ce que répondent les
  règles : pour chacune, le niveau attendu, les numéros que l'alerte doit donner au médecin,
  les appuis et les acteurs clés. Chaque scénario cite en commentaire la phrase ou l'article
  dont vient l'attendu. Les situations déjà décrites ailleurs ne sont pas répétées ici : elles
  vérifient, dans leur fichier, le message de leurs alertes (urgence vitale, enfant de 8 ans
  maltraité, violences au sein du couple, crise suicidaire, personne âgée maltraitée, aucune
  couverture maladie). Ce qui reste incertain dans les textes n'est pas affirmé : un
  scénario dit alors « n'est pas simple » plutôt qu'un niveau que les sources ne tranchent
  pas.

  Règle: Naissance et petite enfance : la PMI, et la protection de l'enfance au moindre doute

    Scénario: Un nourrisson en bonne santé, sans médecin traitant déclaré
      # CSP L2112-2 : la PMI organise « des consultations et des actions de prévention
      # médico-sociale en faveur des enfants de moins de six ans » ; CSS L162-5-3 : avant
      # 16 ans, pas de minoration sans médecin traitant (REFERENTIEL.md § 4).
      Soit un nourrisson de 0 an
      Et il n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors le parcours est simple
      Et l'acteur « PMI » est proposé
      Et aucune alerte n'est levée
      Et aucune fonction d'appui n'est proposée

    Scénario: Un nourrisson de 4 mois aux ecchymoses inexpliquées
      # CASF L226-3 : information préoccupante à la cellule départementale (CRIP) ; CASF
      # L226-4 : danger grave et immédiat, signalement au procureur ; CASF L226-6 : le 119.
      # Code pénal art. 226-14, 2° : le médecin porte à la connaissance du procureur ou de la
      # CRIP les sévices constatés ; l'accord n'est pas nécessaire pour un mineur.
      # GUIDE : « a child in danger is never simple ».
      Soit un nourrisson de 0 an
      Et une maltraitance est suspectée
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et l'alerte « enfant en danger » cite la « CRIP », le « 119 » et le « procureur »
      Et l'alerte « enfant en danger » cite l'« information préoccupante » et l'article « 226-14 »
      Et l'alerte « enfant en danger » ne cite pas le « 3977 »
      Et l'acteur « Cellule de recueil des informations préoccupantes (CRIP) du département » est proposé
      Et l'acteur « Procureur de la République (signalement) » est proposé
      Et l'acteur « PMI » est proposé
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et ce n'est pas une urgence

    Plan du scénario: Trouble du neurodéveloppement suspecté à <âge> ans
      # Décret n° 2018-1297 et décret n° 2021-383 : parcours de bilan et d'intervention
      # précoce de la plateforme de coordination et d'orientation, de 0 à 12 ans révolus.
      Soit un enfant de <âge> ans
      Et il a un trouble du neurodéveloppement suspecté
      Quand on évalue sa situation
      Alors la fonction d'appui « Plateforme de coordination et d'orientation TND (PCO) » <pco>
      Et le parcours n'est pas complexe

      Exemples:
        | âge | pco                |
        | 2   | est proposée       |
        | 12  | est proposée       |
        | 13  | n'est pas proposée |

  Règle: Enfant d'âge scolaire et adolescent

    Scénario: Un enfant asthmatique de 8 ans, bien équilibré
      # Code de l'éducation L541-1 (santé scolaire : projet d'accueil individualisé) ; une
      # maladie chronique stable de l'enfant se suit dans le parcours habituel (contrat :
      # « simple : the médecin traitant's usual pathway is enough »).
      Soit un enfant de 8 ans
      Et il a une maladie chronique : autre
      Quand on évalue sa situation
      Alors le parcours est simple
      Et l'acteur « Santé scolaire » est proposé
      Et aucune alerte n'est levée
      Et aucune fonction d'appui n'est proposée

    Scénario: Une adolescente de 14 ans qui confie des violences sexuelles à la maison
      # CASF L226-3 et L226-4 (CRIP, procureur) ; CASF L226-6 (119) ; code pénal art. 226-14
      # (secret levé). Un mineur n'a ni personne de confiance (CSP L1111-6 : « toute personne
      # majeure ») ni mesure de protection juridique des majeurs.
      Soit une adolescente de 14 ans
      Et une maltraitance est suspectée
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et l'alerte « enfant en danger » cite la « CRIP », le « 119 » et le « procureur »
      Et l'acteur « Procureur de la République (signalement) » est proposé
      Et l'acteur « Personne de confiance » n'est pas proposé
      Et l'acteur « Protection juridique des majeurs » n'est pas proposé

    Plan du scénario: Maltraitance suspectée à <âge> ans : la protection de l'enfance s'arrête à la majorité
      # CASF L226-3 et L112-3 : la protection de l'enfance concerne les mineurs ; code civil
      # art. 388 et 414 : la majorité est fixée à 18 ans. Après, le 3977 (adultes âgés ou
      # handicapés) et le signalement au procureur (code pénal art. 226-14).
      Soit une personne de <âge> ans
      Et une maltraitance est suspectée
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et l'alerte « enfant en danger » <alerte>
      Et l'alerte « maltraitance » cite le « procureur » et l'article « 226-14 »

      Exemples:
        | âge | alerte          |
        | 17  | est levée       |
        | 18  | n'est pas levée |

    Scénario: Un adolescent de 16 ans retrouvé somnolent après une intoxication médicamenteuse volontaire
      # CSP L6311-1 : aide médicale urgente, centre 15 ; feuille de route santé mentale 2018 :
      # 3114, numéro national de prévention du suicide ; HAS 2021, idées et conduites
      # suicidaires de l'enfant et de l'adolescent : évaluation psychiatrique.
      Soit un adolescent de 16 ans
      Et il est en crise suicidaire
      Et il présente des signes d'urgence vitale
      Quand on évalue sa situation
      Alors c'est une urgence
      Et le parcours est complexe
      Et l'alerte « urgence » cite le « 15 »
      Et l'alerte « crise suicidaire » cite le « 3114 »
      Et l'acteur « SAMU – centre 15 » est proposé
      Et l'acteur « Centre médico-psychologique (CMP) » est proposé

  Règle: Grossesse et violences au sein du couple

    Scénario: Une femme de 19 ans enceinte, sans complémentaire, dans un logement insalubre
      # HAS, Suivi et orientation des femmes enceintes en fonction des situations à risque
      # identifiées : la vulnérabilité psychosociale se discute en staff de périnatalité ;
      # CSP L2112-2 (PMI, femmes enceintes) ; CSS L861-1 (complémentaire santé solidaire).
      Soit une patiente de 19 ans
      Et elle est enceinte
      Et elle n'a pas de complémentaire santé
      Et elle a des difficultés financières
      Et son logement est insalubre
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et la fonction d'appui « Staff médico-psycho-social de périnatalité » est proposée
      Et l'acteur « PMI » est proposé
      Et l'acteur « Sage-femme » est proposé
      Et l'acteur « Maternité » est proposé
      Et l'acteur « Complémentaire santé (dont C2S) » est proposé
      Et l'acteur « Service social départemental » est proposé

    Scénario: Une mère de 31 ans qui pleure tous les jours, deux mois après la naissance
      # CSP L2122-1 : l'entretien postnatal précoce repère la dépression du post-partum ;
      # CSP L2112-2 (PMI) ; HAS, situations de vulnérabilité psychosociale en périnatalité
      # (staff médico-psycho-social) ; CSP L3221-1 (CMP).
      Soit une patiente de 31 ans
      Et elle a accouché il y a 2 mois
      Et elle a des troubles de l'humeur ou du comportement
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et la fonction d'appui « Staff médico-psycho-social de périnatalité » est proposée
      Et l'acteur « PMI » est proposé
      Et l'acteur « Sage-femme » est proposé
      Et l'acteur « Centre médico-psychologique (CMP) » est proposé

    Scénario: Une femme de 42 ans déprimée, qui finit par dire que son conjoint la frappe
      # HAS, Repérage des femmes victimes de violences au sein du couple (2019, mise à jour
      # 2020) : évaluer le danger (17), informer du 3919, certificat, orientation vers les
      # associations d'aide aux victimes ; code pénal art. 226-14, 3° : signalement au
      # procureur avec l'accord de la victime, ou sans lui en cas de danger immédiat et
      # d'emprise. Personne en danger : jamais un parcours simple.
      Soit une patiente de 42 ans
      Et elle subit des violences au sein du couple
      Et elle a des troubles de l'humeur ou du comportement
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et l'alerte « violences conjugales » cite le « 3919 », le « 17 » et l'article « 226-14 »
      Et aucun message d'alerte ne cite le « 119 »
      Et l'acteur « Association d'aide aux victimes (116 006) » est proposé
      Et l'acteur « Centre médico-psychologique (CMP) » est proposé
      Et l'acteur « Psychologue » est proposé

    Scénario: Une femme de 74 ans frappée par son mari
      # Violences au sein du couple à tout âge (HAS 2019 ; code pénal art. 226-14, 3°) et
      # maltraitance d'une personne âgée (CASF L119-1 ; 3977, REFERENTIEL.md § 5) : les deux
      # numéros sont donnés au médecin.
      Soit une patiente de 74 ans
      Et elle subit des violences au sein du couple
      Et une maltraitance est suspectée
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et un message d'alerte cite le « 3919 » et le « 3977 »
      Et l'alerte « enfant en danger » n'est pas levée

  Règle: L'adulte : des situations simples aux situations sans solution

    Scénario: Un homme de 58 ans, diabétique et hypertendu, équilibré
      # Une maladie chronique stable se suit dans le parcours habituel du médecin traitant,
      # avec l'éducation thérapeutique (CSP L1161-1) et les dépistages organisés de 50 à
      # 74 ans (arrêté du 29 septembre 2006). Aucun critère de complexité (CSP L6327-1,
      # grille du DAC) ; pas de PPS avant 75 ans sans critère (HAS, PPS PAERPA, 2014).
      Soit un patient de 58 ans
      Et il a les maladies chroniques : diabète et hypertension
      Et il prend 3 médicaments par jour
      Quand on évalue sa situation
      Alors le parcours est simple
      Et aucun PPS n'est recommandé
      Et l'acteur « Éducation thérapeutique du patient » est proposé
      Et l'acteur « Dépistage organisé » est proposé
      Et aucune alerte n'est levée
      Et aucune fonction d'appui n'est proposée

    Scénario: Une femme de 45 ans dépressive, suivie, sans autre difficulté
      # CSP L3221-1 (secteur psychiatrique, CMP) : un besoin de soins psychiques avec le
      # médecin traitant et un psychologue ; pas de danger, pas de risque de rupture.
      Soit une patiente de 45 ans
      Et elle a des troubles de l'humeur ou du comportement
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et l'acteur « Centre médico-psychologique (CMP) » est proposé
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée
      Et aucune alerte n'est levée

    Scénario: Un homme de 35 ans schizophrène stabilisé, reconnu par la MDPH, qui vit seul
      # CASF D312-162 et D312-166 : SAVS, SAMSAH sur orientation de la MDPH ; un handicap
      # accompagné, avec une solution, n'est pas « sans solution » (Communauté 360).
      Soit un patient de 35 ans
      Et il a un handicap psychique
      Et son handicap est reconnu par la MDPH
      Et il a une maladie chronique : maladie psychiatrique
      Et il vit seul
      Quand on évalue sa situation
      Alors le parcours n'est pas complexe
      Et l'acteur « SAVS / SAMSAH » est proposé
      Et l'acteur « MDPH » est proposé
      Et la fonction d'appui « Communauté 360 » n'est pas proposée

    Scénario: Une femme de 45 ans polyhandicapée, sans place, dont les parents âgés s'épuisent
      # Conférence nationale du handicap du 11 février 2020 : Communautés 360, 0 800 360 360,
      # pour les personnes sans solution ; instruction DGCS/3B/2016/119 (PCPE) ; CSP L6327-2,
      # 2° et 3° (DAC : aidants, coordination territoriale).
      Soit une patiente de 45 ans
      Et elle a un polyhandicap
      Et son handicap est reconnu par la MDPH
      Et elle est sans solution adaptée
      Et son aidant est épuisé
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « Communauté 360 » est proposée
      Et la fonction d'appui « PCPE » est proposée
      Et la fonction d'appui « DAC – coordination territoriale » est proposée
      Et la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée
      Et l'acteur « Plateforme d'accompagnement et de répit » est proposé

    Scénario: Un homme de 45 ans à la rue, schizophrène, sans couverture ni médecin traitant
      # Circulaire n° 2005-521 (EMPP : personnes en précarité et en exclusion qui n'accèdent
      # pas aux soins) ; CSP L6112-6 (PASS) ; CASF L345-2 et L345-2-4 (115, SIAO) ; CASF
      # L312-1, I, 9° (LHSS) ; CSS L162-5-3 (médecin traitant à déclarer).
      Soit un homme de 45 ans
      Et il est sans domicile
      Et il a une maladie chronique : maladie psychiatrique
      Et il a des troubles psychiques
      Et il n'a aucune couverture maladie
      Et il n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « Équipe mobile psychiatrie-précarité (EMPP) » est proposée
      Et l'acteur « Permanence d'accès aux soins de santé (PASS) » est proposé
      Et l'acteur « SIAO et 115 (hébergement d'urgence, veille sociale) » est proposé
      Et l'alerte « sans couverture » cite la « PASS »
      Et l'alerte « sans médecin traitant » cite la « CPTS »

    Scénario: Un homme de 30 ans à l'AME, diabétique, sans médecin traitant
      # CASF L251-1 : l'aide médicale de l'État ; les bénéficiaires sont hors du parcours de
      # soins coordonnés (REFERENTIEL.md § 4 et § 7) : pas de minoration, donc pas d'alerte
      # « sans médecin traitant » ; sa couverture est ouverte : pas d'alerte « sans couverture ».
      Soit un patient de 30 ans
      Et il bénéficie de l'aide médicale de l'État (AME)
      Et il a une maladie chronique : diabète
      Et il n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors le parcours n'est pas complexe
      Et l'alerte « sans médecin traitant » n'est pas levée
      Et l'alerte « sans couverture » n'est pas levée
      Et l'acteur « Assurance maladie (CPAM) » est proposé

    Scénario: Un homme de 40 ans schizophrène qui sort de prison, sans médecin traitant
      # Guide méthodologique de la prise en charge sanitaire des personnes placées sous main
      # de justice (préparation de la sortie, SPIP) ; CSS L381-30 (droits) ; CSP L3221-1
      # (CMP) ; CSS L162-5-3 (médecin traitant à déclarer, CPTS).
      Soit un patient de 40 ans
      Et il sort de détention
      Et il a une maladie chronique : maladie psychiatrique
      Et il n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et l'acteur « Service pénitentiaire d'insertion et de probation (SPIP) » est proposé
      Et l'acteur « Centre médico-psychologique (CMP) » est proposé
      Et l'acteur « Assurance maladie (CPAM) » est proposé
      Et l'alerte « sans médecin traitant » cite la « CPTS »

    Scénario: Une femme de 55 ans qui rentre chez elle après une appendicectomie
      # HAS, check-list de sortie d'hospitalisation (2015) : la sortie se prépare ; une
      # personne autonome, sans autre facteur de risque de rupture, n'a pas besoin du DAC.
      Soit une patiente de 55 ans
      Et sa sortie d'hospitalisation est prévue dans les prochains jours
      Quand on évalue sa situation
      Alors le parcours n'est pas complexe
      Et l'alerte « sortie d'hospitalisation » est levée
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée
      Et la fonction d'appui « Équipe mobile de gériatrie » n'est pas proposée

  Règle: Le grand âge, à chaque GIR

    Scénario: Une femme de 78 ans robuste, hypertendue, autonome
      # HAS, PPS PAERPA (2014) : un PPS après 75 ans quand au moins un critère est présent
      # (hospitalisation non programmée, 3 maladies chroniques, 10 médicaments, chute grave,
      # troubles cognitifs ou psychiques, difficultés socio-économiques) ; ici aucun.
      Soit une patiente de 78 ans
      Et elle a une maladie chronique : hypertension
      Et elle prend 2 médicaments par jour
      Quand on évalue sa situation
      Alors le parcours est simple
      Et aucun PPS n'est recommandé
      Et aucune fonction d'appui n'est proposée
      Et aucune alerte n'est levée

    Scénario: Un homme de 70 ans en GIR 6, veuf et isolé
      # Circulaire Cnav n° 2007/16 : le plan d'actions personnalisé s'adresse aux retraités
      # de GIR 5 et 6 qui rencontrent des difficultés, dont l'isolement ; CASF L121-6-1 et
      # L123-5 (CCAS). Ni APA (CASF R232-4 : GIR 1 à 4) ni risque de rupture.
      Soit un patient de 70 ans
      Et il est en GIR 6
      Et il est socialement isolé
      Quand on évalue sa situation
      Alors le parcours n'est pas complexe
      Et l'acteur « Caisse de retraite (action sociale) » est proposé
      Et l'acteur « Centre communal d'action sociale (CCAS) » est proposé
      Et l'acteur « Conseil départemental (APA) » n'est pas proposé

    Scénario: Une femme de 82 ans en GIR 5 qui a besoin d'aide pour le ménage
      # CASF annexe 2-2 : le GIR 5 demande une aide ponctuelle (toilette, repas, ménage) ;
      # CASF R232-4 : pas d'APA ; circulaire Cnav n° 2007/16 : action sociale de la caisse de
      # retraite.
      Soit une patiente de 82 ans
      Et elle est en GIR 5
      Et elle vit seule
      Quand on évalue sa situation
      Alors le parcours n'est pas complexe
      Et l'acteur « Caisse de retraite (action sociale) » est proposé
      Et l'acteur « Conseil départemental (APA) » n'est pas proposé

    Scénario: Un homme de 76 ans polypathologique stable, bien entouré
      # HAS, PPS PAERPA (2014) : polypathologie (3 maladies chroniques) après 75 ans, PPS
      # avec le médecin traitant et 2 ou 3 libéraux ; arrêté du 9 mars 2018 : bilan partagé
      # de médication à 75 ans et plus avec au moins 5 médicaments. Pas de risque de rupture.
      Soit un patient de 76 ans
      Et il a les maladies chroniques : diabète, insuffisance cardiaque et insuffisance rénale
      Et il prend 8 médicaments par jour
      Et son aidant est présent
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et un plan personnalisé de santé est recommandé
      Et la fonction d'appui « Coordination de proximité » est proposée
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée
      Et l'acteur « Pharmacien d'officine » est proposé

    Scénario: Une femme de 77 ans seule, isolée, sans complémentaire, qui renonce aux soins
      # HAS, PPS PAERPA : « problèmes socio-économiques » ; CSS L861-1 (C2S) ; Mission
      # accompagnement santé de la CPAM (REFERENTIEL.md § 5) ; CASF L123-5 (CCAS).
      Soit une patiente de 77 ans
      Et elle vit seule
      Et elle est isolée
      Et elle n'a pas de complémentaire santé
      Et elle a des difficultés financières
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et un plan personnalisé de santé est recommandé
      Et la fonction d'appui « Mission accompagnement santé (CPAM) » est proposée
      Et l'acteur « Complémentaire santé (dont C2S) » est proposé
      Et l'acteur « Centre communal d'action sociale (CCAS) » est proposé

    Scénario: Une femme de 89 ans en GIR 2, son mari présent, SAD adapté
      # CASF R232-4 (APA, GIR 1 à 4) ; grille du DAC : la dépendance lourde est un facteur,
      # mais aides adaptées et aidant présent, rien ne menace le maintien à domicile ; HAS
      # 2014 : l'appui est pour ce que l'équipe de proximité ne peut pas faire elle-même.
      Soit une patiente de 89 ans
      Et elle est en GIR 2
      Et son aidant est présent
      Et ses aides à domicile sont adaptées
      Et son logement est adapté
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et un plan personnalisé de santé est recommandé
      Et l'acteur « Conseil départemental (APA) » est proposé
      Et l'acteur « Aidants et proches » est proposé
      Et l'acteur « EHPAD » n'est pas proposé
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée

    Scénario: Une femme de 93 ans en GIR 1, alitée, dont la fille aidante s'épuise
      # CASF annexe 2-2 (GIR 1) ; grille du DAC : autonomie fonctionnelle très altérée et
      # aidant épuisé, le maintien à domicile est menacé ; CSP L6327-2, 1° et 2° (DAC : réponse
      # globale, aidants) ; CASF D312-8 (hébergement temporaire, accueil de jour).
      Soit une patiente de 93 ans
      Et elle est en GIR 1
      Et son aidante est épuisée
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée
      Et l'acteur « Hébergement temporaire » est proposé
      Et l'acteur « Conseil départemental (APA) » est proposé
      Et l'acteur « Plateforme d'accompagnement et de répit » est proposé

    Scénario: Un homme de 88 ans en GIR 3, Alzheimer, qui vit seul, sans aidant, aides insuffisantes
      # Grille du DAC : aides insuffisantes, personne seule avec troubles cognitifs, aidant
      # absent — risque de rupture dans plusieurs domaines ; CASF R232-1 et R232-4 (APA) ;
      # circulaire DHOS/O2 n° 2007-117 (équipe mobile de gériatrie) ; circulaire
      # DGOS/DGS/DSS n° 2011-394 (consultation mémoire).
      Soit un patient de 88 ans
      Et il est en GIR 3
      Et il a des troubles cognitifs
      Et il a une maladie chronique : maladie neurodégénérative
      Et il vit seul
      Et il n'a aucun aidant
      Et ses aides à domicile sont insuffisantes
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la fonction d'appui « Équipe mobile de gériatrie » est proposée
      Et l'acteur « Conseil départemental (APA) » est proposé
      Et l'acteur « SAD aide » est proposé
      Et l'acteur « Équipe spécialisée Alzheimer (ESA) » est proposé

    Scénario: Une épouse de 79 ans épuisée auprès de son mari atteint d'Alzheimer, GIR 3
      # CSP L6327-2, 2° (DAC : besoins des personnes et de leurs aidants) ; CASF D312-8
      # (accueil de jour, hébergement temporaire) ; HAS 2010, suivi des aidants naturels ;
      # mini-Zarit : 5,5 et plus, fardeau sévère (REFERENTIEL.md § 3).
      Soit un patient de 83 ans
      Et il a des troubles cognitifs
      Et il a une maladie chronique : maladie neurodégénérative
      Et il est en GIR 3
      Et son aidante est présente
      Et son aidante répond au mini-Zarit : souvent, souvent, souvent, souvent, souvent, souvent et parfois
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et le fardeau de l'aidant est « sévère »
      Et la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée
      Et l'acteur « Plateforme d'accompagnement et de répit » est proposé
      Et l'acteur « Accueil de jour » est proposé
      Et l'acteur « Hébergement temporaire » est proposé

    Scénario: Une femme de 67 ans en soins palliatifs à domicile, son mari présent
      # HAS, fiche points clés 2016 : maintien à domicile des patients relevant de soins
      # palliatifs (EMSP, HAD) ; CSP L1111-6 : personne de confiance.
      Soit une patiente de 67 ans
      Et elle a une maladie chronique : cancer
      Et elle relève de soins palliatifs
      Et son aidant est présent
      Et ses aides à domicile sont adaptées
      Quand on évalue sa situation
      Alors le parcours n'est pas simple
      Et un plan personnalisé de santé est recommandé
      Et la fonction d'appui « Équipe mobile de soins palliatifs (EMSP) » est proposée
      Et l'acteur « Hospitalisation à domicile (HAD) » est proposé
      Et l'acteur « Personne de confiance » est proposé

    Scénario: Une femme de 86 ans désorientée, dont le fils vide le compte en banque
      # CASF L119-1 (maltraitance, dont financière) ; 3977 (REFERENTIEL.md § 5) ; code pénal
      # art. 226-14 (secret levé pour une personne qui n'est pas en mesure de se protéger) ;
      # code civil art. 425 et 431 (protection juridique, certificat circonstancié).
      Soit une patiente de 86 ans
      Et elle est en GIR 3
      Et elle a des troubles cognitifs
      Et son autonomie décisionnelle est altérée
      Et une maltraitance est suspectée
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et l'alerte « maltraitance » cite le « 3977 », le « procureur » et l'article « 226-14 »
      Et l'alerte « enfant en danger » n'est pas levée
      Et l'acteur « Protection juridique des majeurs » est proposé
      Et l'acteur « Service social départemental » est proposé
      Et la fonction d'appui « DAC – réponse globale » est proposée

    Scénario: Un homme de 79 ans, insuffisant cardiaque, seul, qui sort pour la deuxième fois en six mois
      # HAS 2014 : l'appui aux transitions hôpital-domicile a les meilleures preuves ; grille
      # du DAC : hospitalisations répétées, sortie d'une personne dépendante ; HAS, PPS
      # PAERPA (hospitalisation non programmée, polymédication) ; circulaire DHOS/O2
      # n° 2007-117 (équipe mobile de gériatrie).
      Soit un patient de 79 ans
      Et il a une maladie chronique : insuffisance cardiaque
      Et il a eu 2 hospitalisations non programmées en 6 mois
      Et il prend 11 médicaments par jour
      Et il est en GIR 4
      Et il vit seul
      Et sa sortie d'hospitalisation est prévue dans les prochains jours
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et l'alerte « sortie d'hospitalisation » est levée
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la fonction d'appui « Équipe mobile de gériatrie » est proposée
      Et l'acteur « Pharmacien d'officine » est proposé
      Et l'acteur « Soins médicaux et de réadaptation (SMR) » est proposé

    Scénario: Un homme de 67 ans hémiplégique depuis un AVC, en GIR 3
      # CASF R232-1 et R232-4 : l'APA à partir de 60 ans, en GIR 1 à 4 ; CASF L245-1 : la
      # PCH de la MDPH compense un handicap dont les critères étaient remplis avant 60 ans
      # (REFERENTIEL.md § 7) — pas un AVC survenu à 67 ans.
      Soit un patient de 67 ans
      Et il a une maladie chronique : AVC
      Et il a un handicap moteur
      Et il est en GIR 3
      Et son aidante est présente
      Quand on évalue sa situation
      Alors l'acteur « Conseil départemental (APA) » est proposé
      Et l'acteur « SAD aide » est proposé
      Et l'acteur « SAVS / SAMSAH » n'est pas proposé
      Et la règle « Perte d'autonomie avant 60 ans : MDPH et prestation de compensation » ne fait pas partie des raisons

    Scénario: Un homme de 81 ans atteint d'Alzheimer, agressif et déambulant, qui vit seul sans aidant
      # HAS, troubles du comportement perturbateurs (mai 2009) ; plan Alzheimer 2008-2012,
      # mesures 16 et 17 (UHR, UCC) ; REFERENTIEL.md § 7 : « UCC, UHR, équipe mobile de
      # gériatrie — rather than USLD » ; grille du DAC : troubles du comportement, personne
      # seule avec troubles cognitifs, aidant absent.
      Soit un patient de 81 ans
      Et il a des troubles cognitifs
      Et il a une maladie chronique : maladie neurodégénérative
      Et il a des troubles du comportement perturbateurs (agitation, agressivité)
      Et il vit seul
      Et il n'a aucun aidant
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et l'acteur « Unité cognitivo-comportementale (UCC, en SMR) » est proposé
      Et l'acteur « Unité de soins de longue durée (USLD) » n'est pas proposé
      Et la fonction d'appui « Équipe mobile de gériatrie » est proposée
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et l'acteur « Personne de confiance » est proposé
