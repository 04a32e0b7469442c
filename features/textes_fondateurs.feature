# language: fr
Fonctionnalité: Les exemples des textes fondateurs
  Les situations que citent les textes dont le projet est parti (../shared/seeds/) : les
  quatre grands acteurs et les sept « clusters » du parcours de santé, le parcours complexe
  au sens de la loi, les cas particuliers du parcours de soins coordonnés (enfants de moins
  de 16 ans, urgences, personnes sans médecin traitant), la sortie d'hospitalisation et
  l'accès aux droits compromis attendus des fonctions d'appui, l'aidant épuisé, le handicap
  rare, et les trois niveaux de parcours (soins, santé, vie).

  @R-SANTE-POLYMEDICATION @R-COMPLEXITE-PAERPA-PPS @R-APPUI-COORDINATION-PROXIMITE @R-AUTONOMIE-APA @R-SANTE-TROUBLES-COGNITIFS
  Scénario: Les quatre grands acteurs : généraliste, pharmacie et maison de santé, médico-social, hôpital
    Soit une patiente de 81 ans
    Et elle prend 10 médicaments par jour
    Et elle a des troubles cognitifs
    Et elle est en GIR 4
    Quand on évalue sa situation
    Alors le cluster « Médecine de ville » est proposé avec « Médecin traitant », « Pharmacien d'officine » et « Maison de santé pluriprofessionnelle »
    Et le cluster « Médico-social à domicile » est proposé avec « SAD aide »
    Et le cluster « Hôpital » est proposé avec « Consultation mémoire »
    Et les secteurs en cause sont : sanitaire, médico-social et social
    Et le parcours est coordonné
    Et un plan personnalisé de santé est recommandé

  @R-SANTE-DEPISTAGE-ORGANISE @R-SANTE-POLYMEDICATION @R-CAS-URGENCE-VITALE @R-SANTE-ADDICTION @R-AUTONOMIE-SOINS-DOMICILE @R-SOCIAL-AIDANT-EPUISE @R-SOCIAL-SANS-COMPLEMENTAIRE @R-SOCIAL-ISOLEMENT
  Plan du scénario: Les clusters du parcours de santé : « <cluster> »
    Soit une personne de <âge> ans
    Et <situation>
    Quand on évalue sa situation
    Alors le cluster « <cluster> » est proposé

    Exemples:
      | âge | situation                                                          | cluster                                                                    |
      | 55  | elle a un médecin traitant déclaré                                 | Prévention et dépistage                                                    |
      | 40  | elle prend 12 médicaments par jour                                 | Médecine de ville                                                          |
      | 40  | elle présente des signes d'urgence vitale                          | Hôpital                                                                    |
      | 40  | elle a une addiction                                               | Soins médicaux et de réadaptation (ex-SSR) et établissements spécialisés   |
      | 40  | elle dépend d'autrui pour 3 activités de base de la vie quotidienne | Médico-social à domicile                                                  |
      | 40  | son aidante est épuisée                                            | Ressources : proches, aidants, associations, plateformes                   |
      | 40  | elle n'a pas de complémentaire santé                               | Juridico-assuranciel                                                       |
      | 40  | elle est isolée                                                    | Action sociale et collectivités                                            |

  @R-COMPLEXITE-PLURISECTORIELLE @R-SANTE-CHUTES @R-SOCIAL-AIDANT-EPUISE @R-SOCIAL-LOGEMENT
  Scénario: Parcours complexe au sens de la loi : plusieurs catégories de professionnels
    Soit un patient de 72 ans
    Et il a fait une chute grave
    Et il est tombé 3 fois en 6 mois
    Et son aidant est épuisé
    Et son logement est inadapté
    Quand on évalue sa situation
    Alors les secteurs en cause sont : sanitaire, médico-social et social
    Et le parcours est complexe
    Et la fonction d'appui « DAC – réponse globale » est proposée
    Et un PPS est recommandé

  @R-COMPLEXITE-RESSENTIE
  Scénario: Un parcours de santé « ressenti complexe » par le professionnel
    Soit une patiente de 60 ans
    Et son médecin traitant juge la situation complexe
    Quand on évalue sa situation
    Alors le parcours est complexe
    Et la fonction d'appui « DAC – réponse globale » est proposée

  @R-CAS-ENFANT-SANS-MEDECIN-TRAITANT @R-CAS-ENFANT-PMI
  Scénario: Les enfants de moins de 16 ans : souplesse du parcours, pas de pénalité
    Soit un enfant de 4 ans
    Et il n'a pas de médecin traitant déclaré
    Quand on évalue sa situation
    Alors aucune alerte n'est levée
    Et l'acteur « Protection maternelle et infantile (PMI) » est proposé

  @R-CAS-URGENCE-VITALE
  Scénario: En urgence, la rapidité prime sur le suivi habituel
    Soit un homme de 58 ans
    Et il n'a pas de médecin traitant déclaré
    Et il présente des signes d'urgence vitale
    Quand on évalue sa situation
    Alors c'est une urgence
    Et l'alerte « urgence » est levée
    Et l'alerte « sans médecin traitant » est levée

  @R-CAS-SANS-MEDECIN-TRAITANT
  Scénario: Une personne sans médecin traitant est aidée à réintégrer le parcours
    Soit une femme de 34 ans
    Et elle n'a pas de médecin traitant déclaré
    Quand on évalue sa situation
    Alors l'alerte « sans médecin traitant » est levée
    Et l'acteur « Communauté professionnelle territoriale de santé (CPTS) » est proposé

  @R-CAS-SORTIE-HOSPITALISATION @R-CAS-SORTIE-HOSPITALISATION-DEPENDANCE @R-APPUI-EQUIPE-MOBILE-GERIATRIE
  Scénario: La circulation de l'information au moment de la sortie d'hospitalisation
    # « Monsieur V., 83 ans, GIR 3, sort de l'hôpital après-demain ; il vit seul et n'a
    # personne. »
    Soit un patient de 83 ans
    Et il est en GIR 3
    Et il vit seul
    Et il n'a aucun aidant
    Et sa sortie d'hospitalisation est prévue dans les prochains jours
    Quand on évalue sa situation
    Alors l'alerte « sortie d'hospitalisation » est levée
    Et la fonction d'appui « Équipe mobile de gériatrie » est proposée
    Et la fonction d'appui « DAC – réponse globale » est proposée
    Et le cluster « Médecine de ville » est proposé avec « Infirmier libéral » et « Pharmacien d'officine »

  @R-SOCIAL-RENONCEMENT-SOINS @R-SOCIAL-SANS-COUVERTURE @R-SOCIAL-BARRIERE-LINGUISTIQUE
  Scénario: Quand l'accès aux droits est compromis, soignants et acteurs sociaux se relaient
    Soit un homme de 29 ans
    Et il n'a aucune couverture maladie
    Et il ne parle pas français
    Quand on évalue sa situation
    Alors l'alerte « sans couverture » est levée
    Et la fonction d'appui « Mission accompagnement santé (CPAM) » est proposée
    Et l'acteur « Interprétariat professionnel en santé » est proposé
    Et les secteurs en cause sont : sanitaire et social
    Et le parcours est coordonné

  @R-SOCIAL-AIDANT-EPUISE @R-AUTONOMIE-DEPENDANCE-LOURDE
  Scénario: Un aidant épuisé auprès d'une personne très dépendante
    Soit une patiente de 87 ans
    Et elle est en GIR 2
    Et son aidante est épuisée
    Quand on évalue sa situation
    Alors la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée
    Et l'acteur « Plateforme d'accompagnement et de répit » est proposé
    Et l'acteur « EHPAD » est proposé
    Et le secteur médico-social est en cause
    Et le parcours est complexe
    Et la fonction d'appui « DAC – réponse globale » est proposée

  @R-HANDICAP-RARE @R-HANDICAP-ENFANT-SESSAD @R-CAS-ENFANT-SANTE-SCOLAIRE
  Scénario: Un enfant avec un handicap rare : équipes relais handicaps rares et école
    Soit un enfant de 11 ans
    Et il a un handicap sensoriel et moteur
    Et il a un handicap rare
    Et son handicap est reconnu par la MDPH
    Quand on évalue sa situation
    Alors la fonction d'appui « Équipe relais handicaps rares (ERHR) » est proposée
    Et l'acteur « SESSAD » est proposé
    Et l'acteur « Éducation nationale » est proposé
    Et le parcours est complexe

  @R-SANTE-POLYPATHOLOGIE @R-AUTONOMIE-APA @R-SOCIAL-LOGEMENT
  Scénario: Les trois niveaux de parcours : soins, santé et vie
    Soit une patiente de 77 ans
    Et elle a une insuffisance d'organe sévère
    Et elle est en GIR 4
    Et son logement est inadapté
    Quand on évalue sa situation
    Alors les niveaux de parcours sont : soins, santé et vie
    Et le parcours est coordonné
    Et un PPS est recommandé
