#!/usr/bin/env bash
# A programme round through the events API with curl, as a partner front-end would make it:
# a mediator training of three sessions, attendance, final assessments, completion and who
# was certified and why, a service by a new mediator (and one refused), the figures after.
# Needs `uv run milagro up --demo` running (its people); REGISTRY, EVENTS and OBSERVATORY
# override the URLs.
set -e
R=${REGISTRY:-http://127.0.0.1:8101}; E=${EVENTS:-http://127.0.0.1:8102}; O=${OBSERVATORY:-http://127.0.0.1:8104}
T=$(uv run milagro token --partner IT-SIENA --role coordinator 2>/dev/null)
H="Authorization: Bearer $T"
# six Siena migrants the registry's demo registered (the directory, via the admin's list)
ADMIN=$(uv run milagro token --role admin 2>/dev/null)
PEOPLE=$(curl -s "$R/v1/participants?partner=IT-SIENA&group=migrant&limit=6" -H "Authorization: Bearer $ADMIN" | python -c "import json,sys; print(' '.join(p['id'] for p in json.load(sys.stdin)['items']))")
set -- $PEOPLE
TRAINING=$(curl -s -X POST $E/v1/trainings -H "$H" -H 'Content-Type: application/json' -d '{"partner":"IT-SIENA","title":"Intercultural mediator training, round 2","certification":"mediator","min_share":0.75,"pass_mark":60}' | python -c "import json,sys; print(json.load(sys.stdin)['id'])")
echo "training $TRAINING"
for d in 21 14 7; do
  S=$(date -u -d "-$d days" +%Y-%m-%dT09:00:00Z); END=$(date -u -d "-$d days" +%Y-%m-%dT12:00:00Z)
  A=$(curl -s -X POST $E/v1/activities -H "$H" -H 'Content-Type: application/json' -d "{\"partner\":\"IT-SIENA\",\"kind\":\"training\",\"title\":\"Mediation, session\",\"place\":\"Siena\",\"starts_at\":\"$S\",\"ends_at\":\"$END\",\"training_id\":\"$TRAINING\"}" | python -c "import json,sys; print(json.load(sys.stdin)['id'])")
  FOURTH=""; if [ $d != 7 ]; then FOURTH=",{\"participant_id\":\"$4\"}"; fi
  ROOM="{\"attendance\":[{\"participant_id\":\"$1\"},{\"participant_id\":\"$2\"},{\"participant_id\":\"$3\"}$FOURTH]}"
  curl -s -X POST $E/v1/activities/$A/attendance -H "$H" -H 'Content-Type: application/json' -d "$ROOM"; echo
  curl -s -X POST $E/v1/activities/$A/close -H "$H" | python -c "import json,sys; d=json.load(sys.stdin); print('closed', d['state'], d['attendance'])"
done
curl -s -X PUT $E/v1/trainings/$TRAINING/final-assessments -H "$H" -H 'Content-Type: application/json' -d "{\"scores\":[{\"participant_id\":\"$1\",\"score\":80},{\"participant_id\":\"$2\",\"score\":45},{\"participant_id\":\"$3\",\"score\":70},{\"participant_id\":\"$4\",\"score\":90}]}" > /dev/null
curl -s -X POST $E/v1/trainings/$TRAINING/complete -H "$H" > /dev/null
curl -s $E/v1/trainings/$TRAINING/results -H "$H" | python -c "import json,sys; [print(r['certified'], r['reason']) for r in json.load(sys.stdin)['items']]"
# the newly certified mediator $1 records a service, with their own token
M="Authorization: Bearer $(uv run milagro token --partner IT-SIENA --role mediator --participant $1 2>/dev/null)"
curl -s -X POST $E/v1/mediation-services -H "$M" -H 'Content-Type: application/json' -d "{\"partner\":\"IT-SIENA\",\"mediator_id\":\"$1\",\"newcomer_ids\":[\"$5\",\"$6\"],\"service_kind\":\"interpretation\",\"delivered_at\":\"$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)\",\"duration_minutes\":60,\"language\":\"ar\",\"outcome\":\"resolved\",\"place\":\"Siena\"}" | python -c "import json,sys; d=json.load(sys.stdin); print('mediation service', d.get('id'), d.get('newcomers', d.get('newcomer_ids')))"
NOT="Authorization: Bearer $(uv run milagro token --partner IT-SIENA --role mediator --participant $2 2>/dev/null)"
curl -s -X POST $E/v1/mediation-services -H "$NOT" -H 'Content-Type: application/json' -d "{\"partner\":\"IT-SIENA\",\"mediator_id\":\"$2\",\"newcomer_ids\":[\"$5\"],\"service_kind\":\"interpretation\",\"delivered_at\":\"$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)\",\"duration_minutes\":30,\"language\":\"ar\",\"outcome\":\"resolved\",\"online\":true}" | python -c "import json,sys; d=json.load(sys.stdin); print(d['status'], d['type'].rsplit('/',1)[-1], '-', d['detail'])"
for i in mediators-trained mediation-services; do echo -n "$i: "; curl -s "$O/v1/indicators/$i?period=total" | python -c "import json,sys; print(json.load(sys.stdin)['cells'][0]['value'])"; done
