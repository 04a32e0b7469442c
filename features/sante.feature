# language: fr
Fonctionnalité: Les besoins de santé qui appellent d'autres professionnels
  Polypathologie, pathologie instable, polymédication, chutes, dénutrition, troubles
  cognitifs et psychiques, addiction, douleur chronique, soins palliatifs, fragilité : ce
  que le médecin traitant ne porte pas seul (rules/sante.yaml). Les personnes ont moins de
  50 ans quand l'âge ne compte pas, pour que les dépistages et les critères PAERPA ne s'en
  mêlent pas.

  @R-SANTE-PREVENTION-ETP
  Règle: Une maladie chronique relève d'un programme d'éducation thérapeutique

    Plan du scénario: Éducation thérapeutique pour une maladie chronique : <maladie>
      Soit un patient de 42 ans
      Et il a une maladie chronique : <maladie>
      Quand on évalue sa situation
      Alors l'acteur « Éducation thérapeutique du patient » <proposition>

      Exemples:
        | maladie                | proposition         |
        | diabète                | est proposé         |
        | insuffisance cardiaque | est proposé         |
        | BPCO                   | est proposé         |
        | hypertension           | est proposé         |
        | obésité                | est proposé         |
        | VIH                    | est proposé         |
        | cancer                 | n'est pas proposé   |

  @R-SANTE-DEPISTAGE-ORGANISE
  Règle: De 50 à 74 ans, les dépistages organisés des cancers sont proposés

    Plan du scénario: Dépistage organisé à <âge> ans
      Soit une personne de <âge> ans
      Quand on évalue sa situation
      Alors l'acteur « Dépistage organisé » <proposition>
      Et le parcours est simple

      Exemples:
        | âge | proposition       |
        | 49  | n'est pas proposé |
        | 50  | est proposé       |
        | 74  | est proposé       |
        | 75  | n'est pas proposé |

  @R-SANTE-POLYPATHOLOGIE
  Règle: Trois maladies chroniques ou une insuffisance d'organe sévère demandent des spécialistes

    Plan du scénario: Polypathologie : <maladies>
      Soit une patiente de 45 ans
      Et elle a les maladies chroniques : <maladies>
      Quand on évalue sa situation
      Alors le parcours est <niveau>

      Exemples:
        | maladies                   | niveau    |
        | cancer et AVC              | simple    |
        | cancer, AVC et VIH         | coordonné |

    Scénario: Une insuffisance d'organe sévère suffit
      Soit un patient de 45 ans
      Et il a une insuffisance d'organe sévère
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et le cluster « Médecine de ville » est proposé avec « Médecin spécialiste » et « Infirmier libéral »
      Et la règle R-SANTE-POLYPATHOLOGIE fait partie des raisons

  @R-SANTE-INSUFFISANCE-ORGANE-DOMICILE
  Règle: Une insuffisance d'organe sévère demande du matériel et des transports

    Scénario: Oxygène et dialyse à domicile
      Soit une patiente de 45 ans
      Et elle a une insuffisance d'organe sévère
      Quand on évalue sa situation
      Alors le cluster « Médico-social à domicile » est proposé avec « Prestataire de santé à domicile »
      Et l'acteur « Transport sanitaire » est proposé

  @R-SANTE-PATHOLOGIE-INSTABLE
  Règle: Une pathologie chronique non stabilisée demande un avis spécialisé

    Scénario: Pathologie chronique non stabilisée
      Soit un patient de 45 ans
      Et sa pathologie chronique n'est pas stabilisée
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et l'acteur « Médecin spécialiste » est proposé
      Et la règle « Pathologie chronique non stabilisée » fait partie des raisons

  @R-SANTE-HOSPITALISATIONS-REPETEES
  Règle: Des hospitalisations non programmées répétées appellent la coordination ville-hôpital

    Plan du scénario: <nombre> hospitalisation(s) non programmée(s) en 6 mois
      Soit un patient de 45 ans
      Et il a eu <nombre> hospitalisations non programmées en 6 mois
      Quand on évalue sa situation
      Alors le parcours est <niveau>

      Exemples:
        | nombre | niveau    |
        | 1      | simple    |
        | 2      | coordonné |

  @R-SANTE-POLYMEDICATION
  Règle: Dix médicaments ou plus par jour : bilan partagé de médication avec le pharmacien

    Plan du scénario: Une patiente qui prend <nombre> médicaments par jour
      Soit une patiente de 45 ans
      Et elle prend <nombre> médicaments par jour
      Quand on évalue sa situation
      Alors le parcours est <niveau>
      Et l'acteur « Pharmacien d'officine » <proposition>

      Exemples:
        | nombre | niveau    | proposition       |
        | 9      | simple    | n'est pas proposé |
        | 10     | coordonné | est proposé       |
        | 15     | coordonné | est proposé       |

  @R-SANTE-CHUTES
  Règle: Des chutes répétées ou une chute grave appellent la rééducation de l'équilibre

    Plan du scénario: Chutes : <chutes> en 6 mois, chute grave : <grave>
      Soit une patiente de 45 ans
      Et « chutes en 6 mois » vaut « <chutes> »
      Et « antécédent de chute grave » vaut « <grave> »
      Quand on évalue sa situation
      Alors l'acteur « Masseur-kinésithérapeute » <proposition>

      Exemples:
        | chutes | grave | proposition       |
        | 1      | non   | n'est pas proposé |
        | 2      | non   | est proposé       |
        | 0      | oui   | est proposé       |

  @R-SANTE-DENUTRITION
  Règle: La dénutrition appelle un suivi diététique

    Scénario: Personne dénutrie
      Soit un patient de 45 ans
      Et il est dénutri
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et le cluster « Médecine de ville » est proposé avec « Diététicien »

  @R-SANTE-OBESITE
  Règle: L'obésité relève d'un suivi diététique

    Scénario: Obésité
      Soit une patiente de 45 ans
      Et elle a une maladie chronique : obésité
      Quand on évalue sa situation
      Alors l'acteur « Diététicien » est proposé
      Et la règle R-SANTE-OBESITE fait partie des raisons
      Et le parcours est simple

  @R-SANTE-TROUBLES-COGNITIFS
  Règle: Des troubles cognitifs appellent un diagnostic en consultation mémoire

    Scénario: Troubles cognitifs sans diagnostic
      Soit une patiente de 70 ans
      Et elle a des troubles cognitifs
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et le cluster « Hôpital » est proposé avec « Consultation mémoire »
      Et l'acteur « Orthophoniste » est proposé
      Et l'acteur « Personne de confiance » est proposé
      Et l'acteur « Équipe spécialisée Alzheimer (ESA) » n'est pas proposé

  @R-SANTE-ALZHEIMER-DOMICILE
  Règle: Une maladie neuro-évolutive à domicile relève de l'équipe spécialisée Alzheimer

    Scénario: Maladie d'Alzheimer à domicile : soins et médico-social, donc parcours complexe
      Soit une patiente de 70 ans
      Et elle a des troubles cognitifs
      Et elle a une maladie chronique : maladie neuro-évolutive
      Quand on évalue sa situation
      Alors le cluster « Médico-social à domicile » est proposé avec « Équipe spécialisée Alzheimer (ESA) »
      Et l'acteur « Accueil de jour » est proposé
      Et les secteurs en cause sont : sanitaire et médico-social
      Et le parcours est complexe

  @R-SANTE-TROUBLES-PSYCHIQUES
  Règle: Des troubles psychiques relèvent du secteur psychiatrique

    Plan du scénario: <trouble> : centre médico-psychologique
      Soit un patient de 35 ans
      Et <trouble>
      Quand on évalue sa situation
      Alors le cluster « Hôpital » est proposé avec « Centre médico-psychologique (CMP) »
      Et l'acteur « Psychologue » est proposé

      Exemples:
        | trouble                                            |
        | il a des troubles de l'humeur ou du comportement   |
        | il a une maladie chronique : maladie psychiatrique |

  @R-SANTE-ADDICTION
  Règle: Une addiction relève d'un CSAPA

    Scénario: Addiction
      Soit un patient de 35 ans
      Et il a une addiction
      Quand on évalue sa situation
      Alors le cluster « Soins médicaux et de réadaptation (ex-SSR) et établissements spécialisés » est proposé avec « Centre de soins, d'accompagnement et de prévention en addictologie (CSAPA) »
      Et le parcours est coordonné

  @R-SANTE-DOULEUR-CHRONIQUE
  Règle: Une douleur chronique relève d'une structure douleur chronique

    Scénario: Douleur depuis plus de trois mois
      Soit une patiente de 45 ans
      Et elle souffre d'une douleur chronique depuis plus de 3 mois
      Quand on évalue sa situation
      Alors le cluster « Hôpital » est proposé avec « Structure douleur chronique »
      Et le cluster « Médecine de ville » est proposé avec « Masseur-kinésithérapeute » et « Psychologue »

  @R-SANTE-SOINS-PALLIATIFS
  Règle: Des soins palliatifs à domicile s'appuient sur l'équipe mobile et l'HAD

    Scénario: Soins palliatifs à domicile
      Soit un patient de 45 ans
      Et il relève de soins palliatifs
      Quand on évalue sa situation
      Alors la fonction d'appui « Équipe mobile de soins palliatifs (EMSP) » est proposée
      Et l'acteur « Hospitalisation à domicile (HAD) » est proposé
      Et le cluster « Ressources : proches, aidants, associations, plateformes » est proposé avec « Personne de confiance » et « Aidants et proches »
      Et un plan personnalisé de santé est recommandé

  @R-SANTE-REFUS-DE-SOINS
  Règle: Le refus de soins demande une approche concertée

    Scénario: Refus de soins
      Soit une patiente de 45 ans
      Et elle refuse les soins
      Quand on évalue sa situation
      Alors le parcours est coordonné
      Et l'acteur « Personne de confiance » est proposé

  @R-SANTE-FRAGILITE
  Règle: Une fragilité repérée et confirmée par le clinicien mène à l'hôpital de jour

    Contexte:
      Soit une patiente de 72 ans
      Et au repérage de la fragilité (GFST), elle répond oui à : vit seul, fatigue et marche lente et non aux autres

    Scénario: Le clinicien la juge fragile
      Sachant que le clinicien la juge fragile
      Quand on évalue sa situation
      Alors la fragilité est « fragile »
      Et le cluster « Hôpital » est proposé avec « Hôpital de jour d'évaluation de la fragilité »
      Et le parcours est coordonné

    Scénario: Le clinicien ne la juge pas fragile
      Sachant que le clinicien ne la juge pas fragile
      Quand on évalue sa situation
      Alors la fragilité est « non fragile »
      Et l'acteur « Hôpital de jour d'évaluation de la fragilité » n'est pas proposé

    Scénario: Sans le jugement du clinicien, le repérage reste à confirmer
      Quand on évalue sa situation
      Alors la fragilité est « à confirmer par le clinicien »
      Et la règle R-SANTE-FRAGILITE ne fait pas partie des raisons

    Scénario: Le repérage s'adresse aux personnes sans incapacité
      Sachant que le clinicien la juge fragile
      Et elle dépend d'autrui pour 2 activités de base de la vie quotidienne
      Quand on évalue sa situation
      Alors l'acteur « Hôpital de jour d'évaluation de la fragilité » n'est pas proposé
