# language: fr
Fonctionnalité: La situation sociale
  Précarité, accès aux droits, isolement, aidant, logement, couverture maladie, protection
  juridique, barrière linguistique (rules/social.yaml).

  @R-SOCIAL-PRECARITE
  Règle: Une précarité compromet l'accès aux soins : service social, CCAS, CAF

    Scénario: Difficultés financières déclarées
      Soit une patiente de 40 ans
      Et elle a des difficultés financières
      Quand on évalue sa situation
      Alors le cluster « Action sociale et collectivités » est proposé avec « Centre communal d'action sociale (CCAS) », « Service social départemental » et « Caisse d'allocations familiales (CAF) »
      Et le secteur social est en cause
      Et le parcours est simple

    Scénario: Précarité repérée par le score EPICES
      Soit un patient de 40 ans
      Et au questionnaire EPICES, il répond non à toutes les questions
      Quand on évalue sa situation
      Alors la précarité est repérée par EPICES
      Et la règle R-SOCIAL-PRECARITE fait partie des raisons

    Scénario: Pas de précarité selon EPICES
      Soit un patient de 40 ans
      Et au questionnaire EPICES, il répond oui à : complémentaire, couple, propriétaire, sport, vacances et contacts famille et non aux autres
      Quand on évalue sa situation
      Alors la précarité n'est pas repérée par EPICES
      Et la règle R-SOCIAL-PRECARITE ne fait pas partie des raisons

  @R-SOCIAL-RENONCEMENT-SOINS
  Règle: Accès aux droits compromis : la Mission accompagnement santé de la CPAM

    Plan du scénario: Couverture maladie <couverture>
      Soit une patiente de 40 ans
      Et « couverture maladie » vaut « <couverture> »
      Quand on évalue sa situation
      Alors la fonction d'appui « Mission accompagnement santé (CPAM) » <proposition>

      Exemples:
        | couverture           | proposition          |
        | sans complémentaire  | est proposée         |
        | aucune               | est proposée         |
        | complète             | n'est pas proposée   |

  @R-SOCIAL-SANS-COMPLEMENTAIRE
  Règle: Sans complémentaire santé, la complémentaire santé solidaire est à demander

    Scénario: Pas de complémentaire santé
      Soit un patient de 40 ans
      Et il n'a pas de complémentaire santé
      Quand on évalue sa situation
      Alors le cluster « Juridico-assuranciel » est proposé avec « Complémentaire santé (dont C2S) »
      Et l'alerte « sans couverture » n'est pas levée

  @R-SOCIAL-SANS-COUVERTURE
  Règle: Sans aucune couverture maladie, soins à la PASS et ouverture des droits

    Scénario: Aucune couverture maladie
      Soit un patient de 40 ans
      Et il n'a aucune couverture maladie
      Quand on évalue sa situation
      Alors l'alerte « sans couverture » est levée
      # CSP L6112-6 : la PASS soigne les personnes sans couverture et les accompagne dans la
      # reconnaissance de leurs droits (REFERENTIEL.md § 7).
      Et l'alerte « sans couverture » cite la « PASS »
      Et le cluster « Hôpital » est proposé avec « Permanence d'accès aux soins de santé (PASS) »
      Et les secteurs en cause sont : sanitaire et social
      Et le parcours est coordonné
      Et un PPS est recommandé

  @R-SOCIAL-ISOLEMENT
  Règle: Une personne isolée : CCAS et associations contre l'isolement

    Scénario: Isolement social
      Soit une patiente de 70 ans
      Et elle vit seule
      Et elle est isolée
      Quand on évalue sa situation
      Alors l'acteur « Centre communal d'action sociale (CCAS) » est proposé
      Et l'acteur « Associations de patients et d'usagers » est proposé
      Et le parcours est simple

  @R-SOCIAL-AIDANT-PRESENT
  Règle: L'aidant d'une personne dépendante est un acteur du parcours

    Plan du scénario: Un aidant présent auprès d'une personne en GIR <gir>
      Soit une patiente de 75 ans
      Et elle est en GIR <gir>
      Et son aidant est présent
      Quand on évalue sa situation
      Alors l'acteur « Aidants et proches » <proposition>

      Exemples:
        | gir | proposition       |
        | 3   | est proposé       |
        | 6   | n'est pas proposé |

  @R-SOCIAL-AIDANT-EPUISE
  Règle: Un aidant épuisé : répit, pair-aidance et appui du DAC à l'aidant

    Scénario: Aidant épuisé déclaré
      Soit une patiente de 84 ans
      Et elle vit seule
      Et son aidant est épuisé
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et le cluster « Médico-social à domicile » n'est pas proposé
      Et la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée
      Et le cluster « Ressources : proches, aidants, associations, plateformes » est proposé avec « Plateforme d'accompagnement et de répit », « Pair-aidance » et « Accueil de jour »
      Et l'acteur « Hébergement temporaire » est proposé

    Plan du scénario: Fardeau de l'aidant au mini-Zarit : <fardeau>
      Soit une patiente de 84 ans
      Et son aidant répond au mini-Zarit : <réponses>
      Quand on évalue sa situation
      Alors le fardeau de l'aidant est « <fardeau> »
      Et la fonction d'appui « DAC – appui à la personne et à l'aidant » <proposition>

      Exemples:
        | réponses                                                 | fardeau           | proposition        |
        | jamais, jamais, parfois, jamais, parfois, jamais, jamais | absent ou léger   | n'est pas proposée |
        | parfois, parfois, parfois, parfois, parfois, parfois, jamais | léger à modéré | n'est pas proposée |
        | souvent, souvent, parfois, parfois, parfois, jamais, jamais | modéré à sévère | est proposée      |
        | souvent, souvent, souvent, souvent, souvent, souvent, parfois | sévère       | est proposée       |

  @R-SOCIAL-SANS-AIDANT-DEPENDANT
  Règle: Une personne dépendante sans aidant : le DAC informe et oriente

    Scénario: Sans aidant et dépendante pour la toilette
      Soit une patiente de 79 ans
      Et elle n'a aucun aidant
      Et elle dépend d'autrui pour 1 activité de base de la vie quotidienne
      Quand on évalue sa situation
      Alors la fonction d'appui « DAC – appui à la personne et à l'aidant » est proposée
      Et l'acteur « SAD aide » est proposé

    Scénario: Sans aidant mais autonome
      Soit une patiente de 79 ans
      Et elle n'a aucun aidant
      Quand on évalue sa situation
      Alors aucune fonction d'appui n'est proposée

  @R-SOCIAL-LOGEMENT
  Règle: Un logement inadapté, insalubre ou absent compromet les soins

    Plan du scénario: Logement : <logement>
      Soit un patient de 50 ans
      Et « logement » vaut « <logement> »
      Quand on évalue sa situation
      Alors l'acteur « Service social départemental » <proposition>

      Exemples:
        | logement      | proposition       |
        | inadapté      | est proposé       |
        | insalubre     | est proposé       |
        | sans domicile | est proposé       |
        | adapté        | n'est pas proposé |

  @R-SOCIAL-PSYCHIATRIE-PRECARITE
  Règle: Troubles psychiques et grande précarité : l'équipe mobile psychiatrie-précarité va vers la personne

    Plan du scénario: Troubles psychiques, précarité et exclusion des soins : <précarité>
      Soit un homme de 38 ans
      Et il a des troubles psychiques
      Et <précarité>
      Quand on évalue sa situation
      Alors la fonction d'appui « Équipe mobile psychiatrie-précarité (EMPP) » est proposée
      Et le parcours est complexe

      Exemples:
        | précarité                                              |
        | il est sans domicile                                   |
        | il n'a aucune couverture maladie                       |

    Scénario: Précarité et pas de médecin traitant : exclusion des soins
      Soit un homme de 38 ans
      Et il a des troubles psychiques
      Et il a des difficultés financières
      Et il n'a pas de médecin traitant déclaré
      Quand on évalue sa situation
      Alors la fonction d'appui « Équipe mobile psychiatrie-précarité (EMPP) » est proposée

    Scénario: Une femme logée, couverte, suivie, avec un score EPICES élevé : pas d'EMPP ni de PASS
      # Circulaire n° 2005-521 : l'EMPP va vers les personnes en précarité et en exclusion
      # qui n'accèdent pas aux soins ; la PASS (CSP L6112-6) reçoit les personnes sans droits
      # ouverts. Un score EPICES élevé seul ne fait ni l'un ni l'autre.
      Soit une patiente de 41 ans
      Et elle a des troubles psychiques
      Et au questionnaire EPICES, elle répond oui à : travailleur social, complémentaire et difficultés financières et non aux autres
      Et elle a un médecin traitant déclaré
      Quand on évalue sa situation
      Alors la précarité est repérée par EPICES
      Et la fonction d'appui « Équipe mobile psychiatrie-précarité (EMPP) » n'est pas proposée
      Et l'acteur « Permanence d'accès aux soins de santé (PASS) » n'est pas proposé
      Et l'acteur « Centre médico-psychologique (CMP) » est proposé
      Et l'acteur « Service social départemental » est proposé

    Scénario: Troubles psychiques sans précarité
      Soit un homme de 38 ans
      Et il a des troubles psychiques
      Quand on évalue sa situation
      Alors la fonction d'appui « empp » n'est pas proposée

  @R-SOCIAL-PROTECTION-JURIDIQUE
  Règle: Une protection juridique à évaluer demande un certificat médical circonstancié

    Scénario: Protection juridique à évaluer
      Soit un homme de 55 ans
      Et une protection juridique est à évaluer
      Quand on évalue sa situation
      Alors le cluster « Juridico-assuranciel » est proposé avec « Protection juridique des majeurs »
      Et l'acteur « Service social départemental » est proposé

  @R-SOCIAL-BARRIERE-LINGUISTIQUE
  Règle: Une barrière linguistique appelle l'interprétariat professionnel

    Scénario: Patiente qui ne parle pas français
      Soit une patiente de 30 ans
      Et elle ne parle pas français
      Quand on évalue sa situation
      Alors l'acteur « Interprétariat professionnel en santé » est proposé
      Et le parcours de soins est concerné

  @R-SOCIAL-VIT-SEUL-DEPENDANT
  Règle: Vivre seul avec des troubles cognitifs, une fin de vie ou une dépendance : sécuriser le domicile

    Plan du scénario: Vit seule à 84 ans : <situation>
      Soit une patiente de 84 ans
      Et elle vit seule
      Et <situation>
      Quand on évalue sa situation
      Alors la règle R-SOCIAL-VIT-SEUL-DEPENDANT <raison>

      Exemples:
        | situation                                                   | raison                         |
        | elle a des troubles cognitifs                               | fait partie des raisons        |
        | elle relève de soins palliatifs                             | fait partie des raisons        |
        | elle est en GIR 4                                           | fait partie des raisons        |
        | elle dépend d'autrui pour 1 activités de base de la vie quotidienne | fait partie des raisons |
        | elle a une maladie chronique : hypertension                 | ne fait pas partie des raisons |

    Scénario: Vivre seul, autonome : rien à organiser
      Soit un patient de 70 ans
      Et il vit seul
      Quand on évalue sa situation
      Alors le parcours est simple
      Et l'acteur « Centre communal d'action sociale (CCAS) » n'est pas proposé

  @R-SOCIAL-SANS-DOMICILE
  Règle: Une personne sans domicile est orientée par le 115 et le SIAO, avec ou sans troubles psychiques

    Scénario: Un homme à la rue, sans trouble psychique, sans maladie connue
      Soit un homme de 46 ans
      Et il est sans domicile
      Quand on évalue sa situation
      Alors l'acteur « SIAO et 115 (hébergement d'urgence, veille sociale) » est proposé
      Et la fonction d'appui « Équipe mobile psychiatrie-précarité (EMPP) » n'est pas proposée
      Et le parcours est coordonné

  @R-SOCIAL-SANS-DOMICILE-SOINS
  Règle: Sans domicile et malade : lits halte soins santé, lits d'accueil médicalisés, appartements de coordination thérapeutique

    Scénario: À la rue avec un diabète et un ulcère du pied
      # « Monsieur K., 52 ans, dort dehors depuis trois mois, diabétique, plaie du pied qui
      # demande des soins infirmiers quotidiens. » Soins sans hospitalisation : LHSS ; la rue
      # est en elle-même un risque de rupture de parcours.
      Soit un homme de 52 ans
      Et il est sans domicile
      Et il a une maladie chronique : diabète
      Quand on évalue sa situation
      Alors l'acteur « Lits halte soins santé (LHSS) » est proposé
      Et l'acteur « SIAO et 115 (hébergement d'urgence, veille sociale) » est proposé
      Et le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée

  @R-SOCIAL-PERINATALITE-SANS-DOMICILE @R-SANTE-PERINATALITE-VULNERABLE
  Règle: Une femme enceinte ou une jeune mère sans domicile : aide sociale à l'enfance, SIAO, PMI ; parcours complexe

    Scénario: Enceinte de 7 mois, à la rue, à l'AME, ne parle pas français
      Soit une patiente de 28 ans
      Et elle est enceinte
      Et elle est sans domicile
      Et elle bénéficie de l'aide médicale de l'État (AME)
      Et elle ne parle pas français
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la fonction d'appui « staff_perinatalite » est proposée
      Et l'acteur « SIAO et 115 (hébergement d'urgence, veille sociale) » est proposé
      Et l'acteur « PMI » est proposé

    Scénario: Une jeune mère logée reste dans un parcours coordonné
      Soit une patiente de 28 ans
      Et elle a accouché il y a 6 semaines
      Et elle a des difficultés financières
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et la règle R-SOCIAL-PERINATALITE-SANS-DOMICILE ne fait pas partie des raisons

  @R-SOCIAL-AME-A-DEMANDER @R-SOCIAL-SANS-COUVERTURE
  Règle: Sans titre de séjour ni couverture, c'est l'aide médicale de l'État qu'on demande

    Scénario: Un homme de 28 ans arrivé il y a un an, sans papiers ni couverture, qui tousse depuis un mois
      Soit un homme de 28 ans
      Et il est sans titre de séjour
      Et il n'a aucune couverture maladie
      Quand on évalue sa situation
      Alors l'acteur « Permanence d'accès aux soins de santé (PASS) » est proposé
      Et l'acteur « Assurance maladie (CPAM) » est proposé
      Et l'acteur « Complémentaire santé (dont C2S) » n'est pas proposé
      Et l'alerte « sans couverture » est levée
      Et la règle R-SOCIAL-AME-A-DEMANDER fait partie des raisons

    @R-SOCIAL-SANS-COMPLEMENTAIRE
    Scénario: Sans couverture mais en situation régulière : protection universelle maladie et C2S
      Soit un homme de 28 ans
      Et il n'a aucune couverture maladie
      Quand on évalue sa situation
      Alors l'acteur « Complémentaire santé (dont C2S) » est proposé
      Et la règle R-SOCIAL-AME-A-DEMANDER ne fait pas partie des raisons

  @R-SOCIAL-JEUNE-AIDANT
  Règle: Un jeune aidant : protéger sa scolarité, ses études et sa santé

    Scénario: Un collégien de 14 ans qui s'occupe de sa mère atteinte de sclérose en plaques
      Soit un enfant de 14 ans
      Et il aide sa mère malade
      Quand on évalue sa situation
      Alors l'acteur « Santé scolaire » est proposé
      Et l'acteur « Plateforme d'accompagnement et de répit » est proposé
      Et le parcours est coordonné

    Plan du scénario: Aidant d'un proche à <âge> ans
      Soit une personne de <âge> ans
      Et elle aide un proche malade, handicapé ou âgé
      Quand on évalue sa situation
      Alors la règle R-SOCIAL-JEUNE-AIDANT <raison>

      Exemples:
        | âge | raison                          |
        | 17  | fait partie des raisons         |
        | 24  | fait partie des raisons         |
        | 25  | ne fait pas partie des raisons  |
        | 52  | ne fait pas partie des raisons  |
