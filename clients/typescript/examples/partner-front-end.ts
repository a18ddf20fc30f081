// A partner's front-end in TypeScript, typed by the generated `src/*.ts` (openapi-typescript)
// through openapi-fetch: the same round as ../examples/partner_front_end.py. Registers a coach
// and a newcomer, records them at a meeting, opens an academy, matches them, books a session.
// `npm run check` type-checks it (CI does); compile with tsc to run it under node 20.
import createClient from "openapi-fetch";
import type { paths as Coaching } from "../src/coaching.js";
import type { components as EventsTypes, paths as Events } from "../src/events.js";
import type { components as RegistryTypes, paths as Registry } from "../src/registry.js";

type Participant = RegistryTypes["schemas"]["ParticipantOut"];
type Role = RegistryTypes["schemas"]["Role"];
type CheckIn = EventsTypes["schemas"]["CheckIn"];

/** What a call answered; a service's refusal (RFC 9457) becomes an error, and a 409 with
 * Retry-After (a person registered a moment ago is not yet known there) is retried. */
async function answer<T>(
  call: () => Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const { data, error, response } = await call();
    const retryAfter = response.headers.get("retry-after");
    if (response.status === 409 && retryAfter !== null && attempt < 30) {
      await new Promise((resolve) => setTimeout(resolve, Number(retryAfter) * 1000));
      continue;
    }
    if (data === undefined) throw new Error(`${response.status}: ${JSON.stringify(error)}`);
    return data;
  }
}

export async function partnerRound(baseUrl: string, token: string, partner: string) {
  const headers = { Authorization: `Bearer ${token}` };
  // One base URL: the gateway routes each path to its service.
  const registry = createClient<Registry>({ baseUrl, headers });
  const events = createClient<Events>({ baseUrl, headers });
  const coaching = createClient<Coaching>({ baseUrl, headers });

  const register = (role: Role, languages: string[]): Promise<Participant> =>
    answer(() =>
      registry.POST("/v1/participants", {
        body: {
          partner,
          given_name: "Amal",
          family_name: `Front-end ${crypto.randomUUID().slice(0, 8)}`,
          group: role === "newcomer" ? "migrant" : "local",
          migrant_status: role === "newcomer" ? "refugee" : null,
          languages,
          roles: [role],
          consents: [{ purpose: "participation", given: true, text_version: "2024-01" }],
          confirm_new_person: true,
        },
      }),
    );
  const coach = await register("coach", ["it", "ar"]);
  const newcomer = await register("newcomer", ["ar"]);

  const now = Date.now();
  const meeting = await answer(() =>
    events.POST("/v1/activities", {
      body: {
        partner,
        kind: "structured_meeting",
        title: "Digital skills evening",
        place: "Community centre",
        starts_at: new Date(now - 2 * 3600_000).toISOString(),
        ends_at: new Date(now - 3600_000).toISOString(),
      },
    }),
  );
  const attendance: CheckIn[] = [coach, newcomer].map((p) => ({ participant_id: p.id }));
  await answer(() =>
    events.POST("/v1/activities/{activity_id}/attendance", {
      params: { path: { activity_id: meeting.id } },
      body: { attendance },
    }),
  );

  const academy = await answer(() =>
    coaching.POST("/v1/academies", {
      body: { partner, name: "Evening academy", city: "Siena", time_zone: "Europe/Rome" },
    }),
  );
  const availability = {
    zone: "Europe/Rome",
    slots: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "08:00", end: "20:00" })),
  };
  const academy_id = academy.id;
  await answer(() =>
    coaching.POST("/v1/academies/{academy_id}/coaches", {
      params: { path: { academy_id } },
      body: { participant_id: coach.id, languages: ["it", "ar"], topics: ["work"], availability },
    }),
  );
  await answer(() =>
    coaching.POST("/v1/academies/{academy_id}/newcomers", {
      params: { path: { academy_id } },
      body: { participant_id: newcomer.id, languages: ["ar"], needs: ["work"], availability },
    }),
  );
  const run = await answer(() =>
    coaching.POST("/v1/academies/{academy_id}/matching", { params: { path: { academy_id } } }),
  );
  const match = await answer(() =>
    coaching.POST("/v1/matches/{match_id}/accept", {
      params: { path: { match_id: run.proposals[0].id } },
      body: {},
    }),
  );
  const tomorrow = new Date(now + 24 * 3600_000);
  tomorrow.setUTCHours(10, 0, 0, 0);
  return answer(() =>
    coaching.POST("/v1/matches/{match_id}/sessions", {
      params: { path: { match_id: match.id } },
      body: { starts_at: tomorrow.toISOString(), duration_minutes: 60 },
    }),
  );
}
