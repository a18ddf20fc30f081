"use strict";
// The MILAGRO public dashboard: plain JS and hand-written SVG, no third-party code.
const UI = {
  en: { skip: "Skip to content", title: "MILAGRO Observatory on Inclusive Societies", language: "Language",
    lead: "Live impact indicators of the MILAGRO programme, updated as activities happen.", all: "All partners",
    partners: "Partners", progress: "Progress against targets", charts: "Charts", indicator: "Indicator",
    overTime: "Over time (by month)", byCountry: "By country", byGroup: "By group", downloads: "Open data",
    package: "Data package (ZIP, Frictionless)", api: "Indicator catalogue (JSON API)", atom: "Changes (Atom feed)",
    csv: "Selected indicator (CSV)", licence: "Licence", cite: "Cite as", updated: "Last updated",
    suppression: "Figures about fewer than 5 people are hidden, with the figures they could be worked out from.", method: "How we protect the people behind the figures", liveNote: "Totals are live; tables and charts come from the latest release, published once at least 5 records have changed.", release: "Release", funding: "Funded by the European Union (CERV, project 101147104).",
    target: "Target", hidden: "hidden (fewer than 5 people)", live: "Live: updated", nodata: "No data yet",
    partnerOf: "Partner", local: "local", migrant: "migrant", unknown: "unknown", ci: "95% CI" },
  it: { skip: "Vai al contenuto", title: "Osservatorio MILAGRO sulle società inclusive", language: "Lingua",
    lead: "Indicatori di impatto del programma MILAGRO, aggiornati in tempo reale.", all: "Tutti i partner",
    partners: "Partner", progress: "Avanzamento rispetto agli obiettivi", charts: "Grafici", indicator: "Indicatore",
    overTime: "Nel tempo (per mese)", byCountry: "Per paese", byGroup: "Per gruppo", downloads: "Dati aperti",
    package: "Pacchetto dati (ZIP, Frictionless)", api: "Catalogo degli indicatori (API JSON)", atom: "Modifiche (feed Atom)",
    csv: "Indicatore selezionato (CSV)", licence: "Licenza", cite: "Citare come", updated: "Ultimo aggiornamento",
    suppression: "I dati su meno di 5 persone sono nascosti, insieme ai dati da cui si potrebbero ricavare.", method: "Come proteggiamo le persone dietro i dati", liveNote: "I totali sono in tempo reale; tabelle e grafici vengono dall'ultima versione pubblicata, rilasciata quando almeno 5 record sono cambiati.", release: "Versione", funding: "Finanziato dall'Unione europea (CERV, progetto 101147104).",
    target: "Obiettivo", hidden: "nascosto (meno di 5 persone)", live: "In diretta: aggiornato", nodata: "Ancora nessun dato",
    partnerOf: "Partner", local: "locali", migrant: "migranti", unknown: "sconosciuto", ci: "IC 95%" },
  sr: { skip: "Pređi na sadržaj", title: "MILAGRO opservatorija inkluzivnih društava", language: "Jezik",
    lead: "Pokazatelji uticaja programa MILAGRO, ažurirani uživo.", all: "Svi partneri",
    partners: "Partneri", progress: "Napredak u odnosu na ciljeve", charts: "Grafikoni", indicator: "Pokazatelj",
    overTime: "Kroz vreme (po mesecu)", byCountry: "Po zemlji", byGroup: "Po grupi", downloads: "Otvoreni podaci",
    package: "Paket podataka (ZIP, Frictionless)", api: "Katalog pokazatelja (JSON API)", atom: "Promene (Atom)",
    csv: "Izabrani pokazatelj (CSV)", licence: "Licenca", cite: "Citirati kao", updated: "Poslednje ažuriranje",
    suppression: "Podaci o manje od 5 osoba su skriveni, zajedno sa podacima iz kojih bi se mogli izračunati.", method: "Kako štitimo ljude iza podataka", liveNote: "Ukupni zbirovi su uživo; tabele i grafikoni dolaze iz poslednjeg izdanja, objavljenog kada se promeni bar 5 zapisa.", release: "Izdanje", funding: "Finansira Evropska unija (CERV, projekat 101147104).",
    target: "Cilj", hidden: "skriveno (manje od 5 osoba)", live: "Uživo: ažurirano", nodata: "Još nema podataka",
    partnerOf: "Partner", local: "lokalni", migrant: "migranti", unknown: "nepoznato", ci: "IP 95%" },
  nl: { skip: "Naar de inhoud", title: "MILAGRO Observatorium voor inclusieve samenlevingen", language: "Taal",
    lead: "Live impactindicatoren van het MILAGRO-programma.", all: "Alle partners",
    partners: "Partners", progress: "Voortgang ten opzichte van de doelen", charts: "Grafieken", indicator: "Indicator",
    overTime: "In de tijd (per maand)", byCountry: "Per land", byGroup: "Per groep", downloads: "Open data",
    package: "Datapakket (ZIP, Frictionless)", api: "Indicatorcatalogus (JSON API)", atom: "Wijzigingen (Atom-feed)",
    csv: "Gekozen indicator (CSV)", licence: "Licentie", cite: "Citeer als", updated: "Laatst bijgewerkt",
    suppression: "Cijfers over minder dan 5 personen zijn verborgen, samen met de cijfers waaruit ze af te leiden zijn.", method: "Hoe we de mensen achter de cijfers beschermen", liveNote: "Totalen zijn live; tabellen en grafieken komen uit de laatste release, gepubliceerd zodra minstens 5 records zijn veranderd.", release: "Release", funding: "Gefinancierd door de Europese Unie (CERV, project 101147104).",
    target: "Doel", hidden: "verborgen (minder dan 5 personen)", live: "Live: bijgewerkt", nodata: "Nog geen gegevens",
    partnerOf: "Partner", local: "lokaal", migrant: "migrant", unknown: "onbekend", ci: "95%-BI" },
};
// The catalogue's units, in each language (English is the catalogue's own word).
const UNITS = {
  it: { people: "persone", camps: "campi", academies: "accademie", sessions: "sessioni", hours: "ore",
    services: "servizi", percent: "per cento", "score points": "punti", "scale points": "punti della scala", rating: "valutazione" },
  sr: { people: "osobe", camps: "kampova", academies: "akademija", sessions: "sesija", hours: "sati",
    services: "usluga", percent: "procenata", "score points": "poena", "scale points": "poena na skali", rating: "ocena" },
  nl: { people: "personen", camps: "kampen", academies: "academies", sessions: "sessies", hours: "uren",
    services: "diensten", percent: "procent", "score points": "punten", "scale points": "schaalpunten", rating: "beoordeling" },
};
const unit = (u) => (UNITS[lang] || {})[u] || u;
const PARTNERS = ["IT-SIENA", "RS-BELGRADE", "NL-UTRECHT"];
const partner = (location.pathname.match(/\/dashboard\/partners\/([A-Z0-9-]+)/) || [])[1] || null;
let lang = new URLSearchParams(location.search).get("lang") || localStorage.getItem("milagro-lang") || "en";
if (!UI[lang]) lang = "en";
let catalogue = [];
let figures = [];
const $ = (id) => document.getElementById(id);
const t = (key) => UI[lang][key] || UI.en[key] || key;
const fmt = (v) => (v === null || v === undefined) ? "–" : Number(v).toLocaleString(lang === "sr" ? "sr-Latn" : lang);
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

async function json(url) { const r = await fetch(url); if (!r.ok) throw new Error(url + " " + r.status); return r.json(); }

function translate() {
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  $("lang").value = lang;
  $("scope").textContent = partner ? `${t("partnerOf")}: ${partner}` : t("all");
  document.title = (partner ? partner + " – " : "") + t("title");
  const chips = [`<li><a href="/dashboard/" ${partner ? "" : 'aria-current="page"'}>${esc(t("all"))}</a></li>`]
    .concat(PARTNERS.map((p) => `<li><a href="/dashboard/partners/${p}" ${p === partner ? 'aria-current="page"' : ""}>${p}</a></li>`));
  $("partners").innerHTML = chips.join("");
  const pick = $("pick"); const chosen = pick.value;
  pick.innerHTML = catalogue.map((i) => `<option value="${i.id}">${esc(i.title[lang])}</option>`).join("");
  if (chosen) pick.value = chosen;
}

function headline(doc) {
  const cells = doc.cells.filter((c) => partner ? c.partner === partner : true);
  return cells[0] || { value: null, suppressed: false };
}

async function renderCards(progress) {
  const items = [];
  for (const ind of catalogue) {
    let f = progress.indicators.find((x) => x.id === ind.id);
    if (partner) {
      if (!ind.disaggregations.includes("partner")) continue;
      const doc = await json(`/v1/indicators/${ind.id}?by=partner`);
      const c = headline(doc);
      f = { ...f, value: c.value, suppressed: c.suppressed, ci_low: c.ci_low, ci_high: c.ci_high, progress_percent: null };
    }
    const shown = f.suppressed ? `<span class="small">${esc(t("hidden"))}</span>` : `<span class="value" data-indicator="${ind.id}">${fmt(f.value)}</span>`;
    const ci = (f.ci_low !== null && f.ci_low !== undefined) ? `<div class="small">${t("ci")}: ${fmt(f.ci_low)} – ${fmt(f.ci_high)}</div>` : "";
    const target = ind.target ? `<div class="target">${esc(t("target"))}: ${ind.direction === "down" ? "<" : "≥"} ${fmt(ind.target.value)}${ind.target.upper ? "–" + fmt(ind.target.upper) : ""}</div>` : "";
    const pct = f.progress_percent;
    const meter = (pct !== null && pct !== undefined) ? `<div class="meter" role="progressbar" aria-label="${esc(ind.title[lang])}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.min(100, pct)}"><span style="width:${Math.min(100, pct)}%"></span></div>` : "";
    items.push(`<li class="card"><h3>${esc(ind.title[lang])}</h3>${shown} <span class="unit">${esc(unit(ind.unit))}</span>${ci}${target}${meter}</li>`);
  }
  $("cards").innerHTML = items.join("");
}

function bars(cells, key, label) {
  const rows = cells.filter((c) => c[key] !== "all");
  if (!rows.length) return `<p class="small">${esc(t("nodata"))}</p>`;
  const max = Math.max(1, ...rows.map((c) => c.value || 0));
  const h = 24, w = 420, left = 110;
  const body = rows.map((c, i) => {
    const width = c.suppressed ? 0 : Math.round((w - left - 50) * (c.value || 0) / max);
    const value = c.suppressed ? t("hidden") : fmt(c.value);
    return `<text x="${left - 6}" y="${i * h + 16}" text-anchor="end">${esc(label(c[key]))}</text>` +
      `<rect class="${c.suppressed ? "bar-hidden" : "bar-rect"}" x="${left}" y="${i * h + 4}" width="${Math.max(width, 2)}" height="${h - 8}"></rect>` +
      `<text x="${left + width + 6}" y="${i * h + 16}">${esc(value)}</text>`;
  }).join("");
  const desc = rows.map((c) => `${label(c[key])}: ${c.suppressed ? t("hidden") : fmt(c.value)}`).join("; ");
  return `<svg viewBox="0 0 ${w} ${rows.length * h + 4}" role="img" aria-label="${esc(desc)}">${body}</svg>`;
}

async function renderCharts() {
  const id = $("pick").value || "participants-registered";
  const ind = catalogue.find((i) => i.id === id);
  const scope = partner && ind.disaggregations.includes("partner") ? `&by=partner` : "";
  const keep = (cells) => partner && scope ? cells.filter((c) => c.partner === partner) : cells;
  $("csv").href = `/v1/indicators/${id}.csv?period=month${scope}`;
  const time = await json(`/v1/indicators/${id}?period=month${scope}`);
  $("release").textContent = time.release ? `${t("release")} ${time.release.number}, ${new Date(time.release.published_at).toLocaleString(lang === "sr" ? "sr-Latn" : lang)}` : "";
  $("time").innerHTML = bars(keep(time.cells).map((c) => ({ ...c, month: c.period })), "month", (m) => m);
  const tr = (v) => t(v) === v ? v : t(v);
  for (const [dim, el] of [["country", "country"], ["group", "group"]]) {
    if (!ind.disaggregations.includes(dim)) { $(el).innerHTML = `<p class="small">–</p>`; continue; }
    const by = partner && scope ? `partner,${dim}` : dim;
    const doc = await json(`/v1/indicators/${id}?by=${by}`);
    $(el).innerHTML = bars(keep(doc.cells), dim, tr);
  }
}

async function refresh(progress) {
  figures = progress.indicators;
  await renderCards(progress);
  $("citation").textContent = progress.citation;
  $("updated").textContent = new Date(progress.last_updated).toLocaleString(lang === "sr" ? "sr-Latn" : lang);
  $("updated").setAttribute("datetime", progress.last_updated);
  $("live").textContent = `${t("live")} ${new Date().toLocaleTimeString(lang === "sr" ? "sr-Latn" : lang)}`;
  await renderCharts();
  document.body.dataset.ready = "true";
}

async function start() {
  catalogue = (await json("/v1/indicators")).indicators;
  translate();
  await refresh(await json("/v1/progress"));
  $("lang").addEventListener("change", async (e) => {
    lang = e.target.value; localStorage.setItem("milagro-lang", lang); translate(); await refresh(await json("/v1/progress"));
  });
  $("pick").addEventListener("change", renderCharts);
  if (window.EventSource) {
    const live = new EventSource("/v1/stream");
    live.addEventListener("progress", (e) => refresh(JSON.parse(e.data)));
  }
}
start().catch((err) => { $("live").textContent = String(err); });
