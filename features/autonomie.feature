# language: fr
Fonctionnalité: La perte d'autonomie fonctionnelle
  GIR saisi ou calculé par la grille AGGIR, activités de la vie quotidienne, aides à
  domicile, autonomie décisionnelle (rules/autonomie.yaml ; CASF L232-2, R232-1, R232-4,
  annexe 2-2 ; avant 60 ans, PCH de la MDPH, CASF L245-1).

  @R-AUTONOMIE-APA
  Règle: Après 60 ans, en GIR 1 à 4, l'APA finance un plan d'aide

    Plan du scénario: APA à <âge> ans en GIR <gir>
      Soit une personne de <âge> ans
      Et elle est en GIR <gir>
      Quand on évalue sa situation
      Alors l'acteur « Conseil départemental (APA) » <proposition>

      Exemples:
        | âge | gir | proposition       |
        | 60  | 4   | est proposé       |
        | 85  | 1   | est proposé       |
        | 59  | 4   | n'est pas proposé |
        | 80  | 5   | n'est pas proposé |

    Scénario: L'APA est une aide sociale du département : secteurs médico-social et social
      Soit une patiente de 81 ans
      Et elle est en GIR 3
      Quand on évalue sa situation
      Alors les secteurs en cause sont : médico-social et social
      Et le parcours est coordonné

    Scénario: Sans signe de perte d'autonomie, le GIR n'est pas demandé
      Soit un patient de 62 ans
      Et il a une maladie chronique : hypertension
      Quand on évalue sa situation
      Alors l'information « GIR » n'est pas à compléter

    Scénario: Une personne qui ne fait plus seule ses courses : le GIR est à compléter
      Soit un patient de 78 ans
      Et il dépend d'autrui pour 2 activités instrumentales de la vie quotidienne
      Quand on évalue sa situation
      Alors l'information « GIR » est à compléter

    Scénario: Le GIR calculé par la grille AGGIR ouvre aussi l'APA
      Soit une patiente de 78 ans
      Et sa grille AGGIR est « BBBBBBBB »
      Quand on évalue sa situation
      Alors le GIR vaut 4, calculé par la grille AGGIR
      Et le cluster « Médico-social à domicile » est proposé avec « SAD aide »
      Et le parcours est coordonné

  @R-AUTONOMIE-CAISSE-RETRAITE
  Règle: En GIR 5, ou en GIR 6 devant une difficulté de la vie quotidienne, la caisse de retraite peut aider

    Plan du scénario: GIR <gir> à 70 ans
      Soit un patient de 70 ans
      Et il est en GIR <gir>
      Quand on évalue sa situation
      Alors l'acteur « Caisse de retraite (action sociale) » <proposition>

      Exemples:
        | gir | proposition       |
        | 4   | n'est pas proposé |
        | 5   | est proposé       |
        | 6   | n'est pas proposé |

    Plan du scénario: GIR 6 à 74 ans et <difficulté>
      Soit une patiente de 74 ans
      Et elle est en GIR 6
      Et « <champ> » vaut « <valeur> »
      Quand on évalue sa situation
      Alors l'acteur « Caisse de retraite (action sociale) » est proposé

      Exemples:
        | difficulté                   | champ                          | valeur   |
        | besoin d'aide pour le ménage | autonomie.iadl_dependantes     | 1        |
        | isolement                    | social.isolement               | oui      |
        | difficultés financières      | social.difficultes_financieres | oui      |
        | logement inadapté            | social.logement                | inadapte |

    Scénario: Un retraité robuste en GIR 6 avec une hypertension reste dans un parcours simple
      Soit un patient de 78 ans
      Et il est en GIR 6
      Et il a une maladie chronique : hypertension
      Et il prend 3 médicaments par jour
      Quand on évalue sa situation
      Alors le parcours est simple
      Et aucun PPS n'est recommandé
      Et l'acteur « Caisse de retraite (action sociale) » n'est pas proposé
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée

  @R-AUTONOMIE-PCH
  Règle: Avant 60 ans, la perte d'autonomie se compense par la PCH de la MDPH, après 60 ans par l'APA

    Plan du scénario: GIR 3 à <âge> ans
      Soit une personne de <âge> ans
      Et elle est en GIR 3
      Quand on évalue sa situation
      Alors l'acteur « Maison départementale des personnes handicapées (MDPH) » <mdph>
      Et l'acteur « Conseil départemental (APA) » <apa>

      Exemples:
        | âge | mdph              | apa               |
        | 45  | est proposé       | n'est pas proposé |
        | 59  | est proposé       | n'est pas proposé |
        | 60  | n'est pas proposé | est proposé       |
        | 75  | n'est pas proposé | est proposé       |

    Scénario: Un homme de 52 ans qui ne se lave plus seul depuis son AVC
      Soit un patient de 52 ans
      Et il a une maladie chronique : AVC
      Et il dépend d'autrui pour 2 activités de base de la vie quotidienne
      Quand on évalue sa situation
      Alors l'acteur « Maison départementale des personnes handicapées (MDPH) » est proposé
      Et la règle R-AUTONOMIE-PCH fait partie des raisons
      Et l'acteur « Conseil départemental (APA) » n'est pas proposé

  @R-AUTONOMIE-SOINS-DOMICILE
  Règle: Plusieurs activités de base non faites seul : soins à domicile

    Plan du scénario: <adl> activité(s) de base non faite(s) seul
      Soit une patiente de 50 ans
      Et elle dépend d'autrui pour <adl> activités de base de la vie quotidienne
      Quand on évalue sa situation
      Alors l'acteur « SAD soins (ex-SSIAD) » <proposition>

      Exemples:
        | adl | proposition       |
        | 1   | n'est pas proposé |
        | 2   | est proposé       |
        | 6   | est proposé       |

  @R-AUTONOMIE-AIDES-INSUFFISANTES
  Règle: Des aides déclarées insuffisantes ou absentes menacent le maintien à domicile, même sans détail des incapacités

    Plan du scénario: Aides <aides>, <iadl> activité(s) instrumentale(s) non faite(s) seul
      Soit une patiente de 50 ans
      Et « aides et soins à domicile » vaut « <aides> »
      Et elle dépend d'autrui pour <iadl> activités instrumentales de la vie quotidienne
      Quand on évalue sa situation
      Alors l'acteur « SAD aide » <proposition>

      Exemples:
        | aides         | iadl | proposition       |
        | insuffisantes | 2    | est proposé       |
        | aucune        | 1    | est proposé       |
        | adaptées      | 2    | n'est pas proposé |
        | insuffisantes | 0    | est proposé       |
        | aucune        | 0    | est proposé       |

  @R-AUTONOMIE-DEPENDANCE-LOURDE
  Règle: En GIR 1 ou 2 sans relais à domicile, l'hébergement est à envisager

    Plan du scénario: GIR 2 avec <relais>
      Soit une patiente de 88 ans
      Et elle est en GIR 2
      Et <relais>
      Quand on évalue sa situation
      Alors l'acteur « EHPAD » <proposition>

      Exemples:
        | relais                    | proposition       |
        | son aidant est épuisé     | est proposé       |
        | elle n'a aucun aidant     | est proposé       |
        | son logement est inadapté | est proposé       |
        | son aidant est présent    | n'est pas proposé |

  @R-AUTONOMIE-USLD
  Règle: Dépendance lourde et pathologie instable : soins de longue durée

    Scénario: GIR 1 et pathologie non stabilisée
      Soit un patient de 90 ans
      Et il est en GIR 1
      Et sa pathologie chronique n'est pas stabilisée
      Quand on évalue sa situation
      Alors l'acteur « Unité de soins de longue durée (USLD) » est proposé
      Et le parcours est complexe

    @R-SANTE-CRISE-COMPORTEMENTALE
    Scénario: Démence en crise comportementale, GIR 2 : pas d'USLD
      Soit une patiente de 87 ans
      Et elle est en GIR 2
      Et elle a des troubles cognitifs
      Et elle a des troubles de l'humeur ou du comportement
      Et sa pathologie chronique n'est pas stabilisée
      Quand on évalue sa situation
      Alors l'acteur « Unité de soins de longue durée (USLD) » n'est pas proposé
      Et l'acteur « Unité cognitivo-comportementale (UCC, en SMR) » est proposé

    Scénario: GIR 3 et pathologie non stabilisée : pas d'USLD
      Soit un patient de 90 ans
      Et il est en GIR 3
      Et sa pathologie chronique n'est pas stabilisée
      Quand on évalue sa situation
      Alors l'acteur « Unité de soins de longue durée (USLD) » n'est pas proposé

  @R-AUTONOMIE-DECISIONNELLE
  Règle: Quand la personne ne peut plus décider seule, une protection juridique est à évaluer

    Plan du scénario: Autonomie décisionnelle altérée, protection juridique <protection>
      Soit une patiente de 80 ans
      Et son autonomie décisionnelle est altérée
      Et « protection juridique » vaut « <protection> »
      Quand on évalue sa situation
      Alors l'acteur « Protection juridique des majeurs » <proposition>

      Exemples:
        | protection | proposition       |
        | aucune     | est proposé       |
        | en place   | n'est pas proposé |

    Plan du scénario: Autonomie décisionnelle altérée à <âge> ans : le mineur est sous l'autorité parentale
      Soit un enfant de <âge> ans
      Et son autonomie décisionnelle est altérée
      Quand on évalue sa situation
      Alors l'acteur « Protection juridique des majeurs » <proposition>
      Et l'acteur « Personne de confiance » <confiance>

      Exemples:
        | âge | proposition       | confiance         |
        | 12  | n'est pas proposé | n'est pas proposé |
        | 17  | est proposé       | n'est pas proposé |
        | 18  | est proposé       | est proposé       |
