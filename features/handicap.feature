# language: fr
Fonctionnalité: Les situations de handicap
  Reconnaissance par la MDPH, services d'accompagnement pour enfants et adultes, handicap
  rare, personnes sans solution (rules/handicap.yaml ; loi n° 2005-102).

  @R-HANDICAP-MDPH
  Règle: Sans reconnaissance de la MDPH, pas d'accès aux droits : une demande est à faire

    Plan du scénario: Handicap <type>, reconnu par la MDPH : <reconnu>
      Soit un patient de 35 ans
      Et il a un handicap <type>
      Et « reconnaissance MDPH » vaut « <reconnu> »
      Quand on évalue sa situation
      Alors la règle R-HANDICAP-MDPH <raison>

      Exemples:
        | type     | reconnu | raison                          |
        | moteur   | non     | fait partie des raisons         |
        | psychique| non     | fait partie des raisons         |
        | moteur   | oui     | ne fait pas partie des raisons  |

    Plan du scénario: Handicap moteur sans reconnaissance à <âge> ans
      # Avant 60 ans, la compensation passe par la MDPH (PCH, CASF L245-1) ; après, par l'APA
      # (CASF R232-1).
      Soit une personne de <âge> ans
      Et elle a un handicap moteur
      Quand on évalue sa situation
      Alors la règle R-HANDICAP-MDPH <raison>

      Exemples:
        | âge | raison                          |
        | 59  | fait partie des raisons         |
        | 60  | ne fait pas partie des raisons  |
        | 72  | ne fait pas partie des raisons  |

  @R-HANDICAP-ENFANT-PRECOCE
  Règle: Avant six ans, un enfant handicapé est accompagné par un CAMSP

    Scénario: Un enfant de 3 ans avec un handicap moteur
      Soit un enfant de 3 ans
      Et il a un handicap moteur
      Quand on évalue sa situation
      Alors le cluster « Médico-social à domicile » est proposé avec « CAMSP »
      Et l'acteur « Protection maternelle et infantile (PMI) » est proposé
      Et l'acteur « Maison départementale des personnes handicapées (MDPH) » est proposé

  @R-HANDICAP-ENFANT-SESSAD
  Règle: Un enfant ou un jeune de moins de 20 ans handicapé : SESSAD et scolarisation

    Plan du scénario: Un jeune de <âge> ans avec un handicap mental
      Soit un jeune de <âge> ans
      Et il a un handicap mental
      Et son handicap est reconnu par la MDPH
      Quand on évalue sa situation
      Alors l'acteur « SESSAD » <sessad>
      Et l'acteur « SAVS / SAMSAH » <savs>

      Exemples:
        | âge | sessad            | savs              |
        | 12  | est proposé       | n'est pas proposé |
        | 19  | est proposé       | n'est pas proposé |
        | 20  | n'est pas proposé | est proposé       |

    Scénario: Un enfant de 8 ans dont le handicap est déjà reconnu garde la MDPH comme interlocutrice
      Soit un enfant de 8 ans
      Et il a un handicap moteur
      Et son handicap est reconnu par la MDPH
      Quand on évalue sa situation
      Alors le cluster « Action sociale et collectivités » est proposé avec « Maison départementale des personnes handicapées (MDPH) » et « Éducation nationale »
      Et l'acteur « SESSAD » est proposé
      Et le parcours n'est pas complexe

  @R-HANDICAP-ADULTE-ACCOMPAGNEMENT
  Règle: Un adulte handicapé à domicile peut être accompagné par un SAVS ou un SAMSAH

    Plan du scénario: Un adulte de <âge> ans : <handicap>
      Soit une personne de <âge> ans
      Et <handicap>
      Quand on évalue sa situation
      Alors l'acteur « SAVS / SAMSAH » <proposition>

      Exemples:
        | âge | handicap                           | proposition       |
        | 35  | elle a un handicap psychique       | est proposé       |
        | 59  | elle a un polyhandicap             | est proposé       |
        | 60  | elle a un handicap moteur          | n'est pas proposé |
        | 35  | elle a une maladie invalidante     | n'est pas proposé |

  @R-HANDICAP-RARE
  Règle: Un handicap rare relève de l'équipe relais handicaps rares

    Scénario: Handicap rare
      Soit un patient de 25 ans
      Et il a un handicap sensoriel et cognitif
      Et il a un handicap rare
      Et son handicap est reconnu par la MDPH
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « Équipe relais handicaps rares (ERHR) » est proposée
      Et l'acteur « Associations de patients et d'usagers » est proposé
      Et les niveaux de parcours sont : santé et vie

  @R-HANDICAP-SANS-SOLUTION
  Règle: Une personne handicapée sans solution est orientée vers la Communauté 360

    Scénario: Un jeune adulte dont l'accompagnement s'est interrompu
      Soit un jeune de 22 ans
      Et il a un handicap psychique
      Et son handicap est reconnu par la MDPH
      Et son accompagnement s'est interrompu
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « Communauté 360 » est proposée
      Et la fonction d'appui « pcpe » est proposée
      Et la fonction d'appui « DAC – coordination territoriale » est proposée

  @R-HANDICAP-TND-PCO
  Règle: Avant 13 ans, un écart inhabituel de développement entre dans le parcours de la plateforme TND

    Plan du scénario: Un enfant de <âge> ans avec un handicap <type>
      Soit un enfant de <âge> ans
      Et il a un handicap <type>
      Quand on évalue sa situation
      Alors la fonction d'appui « pco_tnd » <proposition>

      Exemples:
        | âge | type     | proposition        |
        | 4   | mental   | est proposée       |
        | 10  | cognitif | est proposée       |
        | 10  | moteur   | n'est pas proposée |
        | 14  | mental   | n'est pas proposée |

    Scénario: Un garçon de 3 ans qui ne parle pas et ne regarde pas dans les yeux
      Soit un enfant de 3 ans
      Et il a un trouble du spectre de l'autisme suspecté
      Quand on évalue sa situation
      Alors la fonction d'appui « pco_tnd » est proposée
      Et la fonction d'appui « cra » est proposée

    Scénario: Un enfant de 9 ans avec un trouble du neurodéveloppement suspecté
      Soit un enfant de 9 ans
      Et il a un trouble du neurodéveloppement suspecté (attention, apprentissages)
      Quand on évalue sa situation
      Alors la fonction d'appui « pco_tnd » est proposée
      Et l'acteur « Consultation mémoire » n'est pas proposé

  @R-HANDICAP-AUTISME-CRA
  Règle: À tout âge, l'autisme trouve au centre ressources autisme information, orientation et diagnostic des cas complexes

    Scénario: Une femme de 28 ans qui pense être autiste
      Soit une patiente de 28 ans
      Et elle est autiste
      Quand on évalue sa situation
      Alors la fonction d'appui « Centre ressources autisme (CRA) » est proposée
      Et la fonction d'appui « pco_tnd » n'est pas proposée
