# language: fr
Fonctionnalité: Quand le parcours devient complexe
  « Le parcours de santé est dit complexe lorsque l'état de santé, le handicap ou la
  situation sociale du patient rend nécessaire l'intervention de plusieurs catégories de
  professionnels de santé, sociaux ou médico-sociaux » (CSP L6327-1). Depuis la loi du
  24 juillet 2019, le jugement du professionnel suffit. Un plan personnalisé de santé
  (PAERPA) est proposé après 75 ans dès qu'un critère est présent (rules/complexite.yaml).

  @R-COMPLEXITE-PLURISECTORIELLE
  Règle: Des besoins dans au moins deux secteurs rendent le parcours complexe

    Scénario: Un besoin sanitaire et un besoin social : parcours complexe
      Soit une patiente de 45 ans
      Et elle prend 12 médicaments par jour
      Et elle a une douleur chronique
      Et son logement est insalubre
      Quand on évalue sa situation
      Alors les secteurs en cause sont : sanitaire et social
      Et le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la règle R-COMPLEXITE-PLURISECTORIELLE fait partie des raisons

    Scénario: Des besoins dans un seul secteur : parcours coordonné
      Soit une patiente de 45 ans
      Et elle prend 12 médicaments par jour
      Et elle a une douleur chronique
      Quand on évalue sa situation
      Alors les secteurs en cause sont : sanitaire
      Et le parcours est coordonné
      Et la fonction d'appui « DAC – réponse globale » n'est pas proposée

  @R-COMPLEXITE-RESSENTIE
  Règle: Le professionnel qui juge la situation complexe peut toujours solliciter le DAC

    Scénario: Une situation simple en apparence, jugée complexe par son médecin
      Soit un patient de 52 ans
      Et son médecin juge la situation complexe
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la fonction d'appui « DAC – réponse globale » est proposée
      Et la règle « Complexité ressentie par le professionnel » fait partie des raisons

  @R-COMPLEXITE-FACTEURS-RUPTURE
  Règle: Trois facteurs de risque de rupture rendent la situation complexe, même dans un seul secteur

    Plan du scénario: Facteurs de rupture : <facteurs>
      Soit une patiente de 45 ans
      Et « refus de soins » vaut « <refus> »
      Et « dénutrition » vaut « <dénutrition> »
      Et « pathologie chronique non stabilisée » vaut « <instable> »
      Quand on évalue sa situation
      Alors le parcours est <niveau>

      Exemples:
        | facteurs                                  | refus | dénutrition | instable | niveau    |
        | refus, dénutrition, pathologie instable   | oui   | oui         | oui      | complexe  |
        | dénutrition et pathologie instable        | non   | oui         | oui      | coordonné |

    Scénario: Isolement, aidant épuisé et chutes répétées
      Soit une patiente de 68 ans
      Et elle est isolée
      Et son aidante est épuisée
      Et elle est tombée 3 fois en 6 mois
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et la règle R-COMPLEXITE-FACTEURS-RUPTURE fait partie des raisons

  @R-COMPLEXITE-PAERPA-PPS
  Règle: Après 75 ans, un critère PAERPA suffit pour proposer un plan personnalisé de santé

    Plan du scénario: Critère PAERPA à 80 ans : <critère>
      Soit une patiente de 80 ans
      Et <critère>
      Quand on évalue sa situation
      Alors un plan personnalisé de santé est recommandé
      Et la règle R-COMPLEXITE-PAERPA-PPS fait partie des raisons
      Et la fonction d'appui « Coordination de proximité » est proposée

      Exemples:
        | critère                                                          |
        | elle a eu 1 hospitalisation non programmée en 6 mois             |
        | elle a les maladies chroniques : diabète, hypertension et BPCO   |
        | elle a une insuffisance d'organe sévère                          |
        | elle prend 10 médicaments par jour                               |
        | elle a des troubles cognitifs                                    |
        | elle a des troubles de l'humeur ou du comportement               |
        | elle a une addiction                                             |
        | elle a des difficultés financières                               |
        | au questionnaire EPICES, elle répond non à toutes les questions  |

    Scénario: Mobilité réduite et chute grave
      Soit une patiente de 80 ans
      Et elle a fait une chute grave
      Et elle dépend d'autrui pour 2 activités instrumentales de la vie quotidienne
      Quand on évalue sa situation
      Alors un PPS est recommandé

    Plan du scénario: Pas de PPS PAERPA à <âge> ans sans critère, ou avant 75 ans
      Soit une patiente de <âge> ans
      Et elle prend <médicaments> médicaments par jour
      Quand on évalue sa situation
      Alors aucun PPS n'est recommandé

      Exemples:
        | âge | médicaments |
        | 74  | 10          |
        | 80  | 9           |

  @R-COMPLEXITE-PPS-COMPLEXE
  Règle: Un parcours complexe se planifie dans un plan partagé

    Scénario: Parcours complexe : PPS recommandé, même avant 75 ans
      Soit un patient de 30 ans
      Et il a un handicap rare
      Quand on évalue sa situation
      Alors le parcours est complexe
      Et un plan personnalisé de santé est recommandé
      Et la règle R-COMPLEXITE-PPS-COMPLEXE fait partie des raisons
