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
    partnerOf: "Partner", local: "local", migrant: "migrant", unknown: "unknown", ci: "95% CI",
    localsMigrants: "Locals and migrants", perMonth: "per month", toDate: "to date", month: "Month", value: "Value", country: "Country", group: "Group", table: "Data table", allCountries: "All countries", ofTotal: "of the total", oneGroup: "This indicator counts one group only.", noGroup: "Not broken down by group.", embed: "Embed this chart", embedHelp: "Paste this code into an article; the chart keeps its source and licence.", meta: "Selected indicator: definition and metadata (JSON)", editions: "Dated editions, to cite", editionsHelp: "Each edition freezes every figure on its date; cite it and check its SHA-256.", edition: "Edition", noEditions: "No edition yet.", checksum: "SHA-256", IT: "Italy", RS: "Serbia", NL: "Netherlands" },
  it: { skip: "Vai al contenuto", title: "Osservatorio MILAGRO sulle società inclusive", language: "Lingua",
    lead: "Indicatori di impatto del programma MILAGRO, aggiornati in tempo reale.", all: "Tutti i partner",
    partners: "Partner", progress: "Avanzamento rispetto agli obiettivi", charts: "Grafici", indicator: "Indicatore",
    overTime: "Nel tempo (per mese)", byCountry: "Per paese", byGroup: "Per gruppo", downloads: "Dati aperti",
    package: "Pacchetto dati (ZIP, Frictionless)", api: "Catalogo degli indicatori (API JSON)", atom: "Modifiche (feed Atom)",
    csv: "Indicatore selezionato (CSV)", licence: "Licenza", cite: "Citare come", updated: "Ultimo aggiornamento",
    suppression: "I dati su meno di 5 persone sono nascosti, insieme ai dati da cui si potrebbero ricavare.", method: "Come proteggiamo le persone dietro i dati", liveNote: "I totali sono in tempo reale; tabelle e grafici vengono dall'ultima versione pubblicata, rilasciata quando almeno 5 record sono cambiati.", release: "Versione", funding: "Finanziato dall'Unione europea (CERV, progetto 101147104).",
    target: "Obiettivo", hidden: "nascosto (meno di 5 persone)", live: "In diretta: aggiornato", nodata: "Ancora nessun dato",
    partnerOf: "Partner", local: "locali", migrant: "migranti", unknown: "sconosciuto", ci: "IC 95%",
    localsMigrants: "Locali e migranti", perMonth: "per mese", toDate: "ad oggi", month: "Mese", value: "Valore", country: "Paese", group: "Gruppo", table: "Tabella dei dati", allCountries: "Tutti i paesi", ofTotal: "del totale", oneGroup: "Questo indicatore conta un solo gruppo.", noGroup: "Non suddiviso per gruppo.", embed: "Incorpora questo grafico", embedHelp: "Incolla questo codice in un articolo; il grafico mantiene fonte e licenza.", meta: "Indicatore selezionato: definizione e metadati (JSON)", editions: "Edizioni datate, da citare", editionsHelp: "Ogni edizione congela tutti i dati alla sua data; citala e verifica il suo SHA-256.", edition: "Edizione", noEditions: "Ancora nessuna edizione.", checksum: "SHA-256", IT: "Italia", RS: "Serbia", NL: "Paesi Bassi" },
  sr: { skip: "Pređi na sadržaj", title: "MILAGRO opservatorija inkluzivnih društava", language: "Jezik",
    lead: "Pokazatelji uticaja programa MILAGRO, ažurirani uživo.", all: "Svi partneri",
    partners: "Partneri", progress: "Napredak u odnosu na ciljeve", charts: "Grafikoni", indicator: "Pokazatelj",
    overTime: "Kroz vreme (po mesecu)", byCountry: "Po zemlji", byGroup: "Po grupi", downloads: "Otvoreni podaci",
    package: "Paket podataka (ZIP, Frictionless)", api: "Katalog pokazatelja (JSON API)", atom: "Promene (Atom)",
    csv: "Izabrani pokazatelj (CSV)", licence: "Licenca", cite: "Citirati kao", updated: "Poslednje ažuriranje",
    suppression: "Podaci o manje od 5 osoba su skriveni, zajedno sa podacima iz kojih bi se mogli izračunati.", method: "Kako štitimo ljude iza podataka", liveNote: "Ukupni zbirovi su uživo; tabele i grafikoni dolaze iz poslednjeg izdanja, objavljenog kada se promeni bar 5 zapisa.", release: "Izdanje", funding: "Finansira Evropska unija (CERV, projekat 101147104).",
    target: "Cilj", hidden: "skriveno (manje od 5 osoba)", live: "Uživo: ažurirano", nodata: "Još nema podataka",
    partnerOf: "Partner", local: "lokalni", migrant: "migranti", unknown: "nepoznato", ci: "IP 95%",
    localsMigrants: "Lokalni i migranti", perMonth: "po mesecu", toDate: "do sada", month: "Mesec", value: "Vrednost", country: "Zemlja", group: "Grupa", table: "Tabela podataka", allCountries: "Sve zemlje", ofTotal: "od ukupno", oneGroup: "Ovaj pokazatelj broji samo jednu grupu.", noGroup: "Nije razvrstano po grupi.", embed: "Ugradite ovaj grafikon", embedHelp: "Nalepite ovaj kod u članak; grafikon zadržava izvor i licencu.", meta: "Izabrani pokazatelj: definicija i metapodaci (JSON)", editions: "Datirane edicije, za citiranje", editionsHelp: "Svaka edicija zamrzava sve podatke na svoj datum; citirajte je i proverite njen SHA-256.", edition: "Edicija", noEditions: "Još nema edicija.", checksum: "SHA-256", IT: "Italija", RS: "Srbija", NL: "Holandija" },
  nl: { skip: "Naar de inhoud", title: "MILAGRO Observatorium voor inclusieve samenlevingen", language: "Taal",
    lead: "Live impactindicatoren van het MILAGRO-programma.", all: "Alle partners",
    partners: "Partners", progress: "Voortgang ten opzichte van de doelen", charts: "Grafieken", indicator: "Indicator",
    overTime: "In de tijd (per maand)", byCountry: "Per land", byGroup: "Per groep", downloads: "Open data",
    package: "Datapakket (ZIP, Frictionless)", api: "Indicatorcatalogus (JSON API)", atom: "Wijzigingen (Atom-feed)",
    csv: "Gekozen indicator (CSV)", licence: "Licentie", cite: "Citeer als", updated: "Laatst bijgewerkt",
    suppression: "Cijfers over minder dan 5 personen zijn verborgen, samen met de cijfers waaruit ze af te leiden zijn.", method: "Hoe we de mensen achter de cijfers beschermen", liveNote: "Totalen zijn live; tabellen en grafieken komen uit de laatste release, gepubliceerd zodra minstens 5 records zijn veranderd.", release: "Release", funding: "Gefinancierd door de Europese Unie (CERV, project 101147104).",
    target: "Doel", hidden: "verborgen (minder dan 5 personen)", live: "Live: bijgewerkt", nodata: "Nog geen gegevens",
    partnerOf: "Partner", local: "lokaal", migrant: "migrant", unknown: "onbekend", ci: "95%-BI",
    localsMigrants: "Lokalen en migranten", perMonth: "per maand", toDate: "tot nu toe", month: "Maand", value: "Waarde", country: "Land", group: "Groep", table: "Gegevenstabel", allCountries: "Alle landen", ofTotal: "van het totaal", oneGroup: "Deze indicator telt maar één groep.", noGroup: "Niet uitgesplitst naar groep.", embed: "Deze grafiek insluiten", embedHelp: "Plak deze code in een artikel; de grafiek houdt bron en licentie.", meta: "Gekozen indicator: definitie en metadata (JSON)", editions: "Gedateerde edities, om te citeren", editionsHelp: "Elke editie bevriest alle cijfers op haar datum; citeer haar en controleer haar SHA-256.", edition: "Editie", noEditions: "Nog geen editie.", checksum: "SHA-256", IT: "Italië", RS: "Servië", NL: "Nederland" },
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

const locale = () => (lang === "sr" ? "sr-Latn" : lang);
const monthName = (m) => new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7) - 1, 1))
  .toLocaleDateString(locale(), { month: "short", year: "numeric", timeZone: "UTC" });
const shown = (c) => c && !c.suppressed && c.value !== null && c.value !== undefined;
const label = (c) => (c.suppressed ? t("hidden") : fmt(c.value));
const withCi = (c) => (shown(c) && c.ci_low !== null && c.ci_low !== undefined
  ? `${label(c)} (${t("ci")}: ${fmt(c.ci_low)} – ${fmt(c.ci_high)})` : label(c));

// A data table beside each chart: what a screen reader (or a keyboard user) reads instead.
function dataTable(head, rows) {
  return `<details><summary>${esc(t("table"))}</summary><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr><th scope="row">${esc(r[0])}</th>${r.slice(1).map((v) => `<td>${esc(v)}</td>`).join("")}</tr>`).join("")}</tbody></table></details>`;
}

// Drawn at the width it is shown at (300 to 560 px), so that its text stays legible on a phone.
const widthOf = (id) => Math.round(Math.min(560, Math.max(300, $(id).clientWidth || 560)));

function ticks(lo, hi) {
  const step0 = (hi - lo) / 4 || 1;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= step0);
  const out = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step / 2; v += step) out.push(+v.toFixed(10));
  return out;
}

// Months as a line (hidden months leave a gap), the programme to date as a diamond beside
// them, the target as a dashed line (a band for a range), 95% intervals as whiskers.
function lineChart(ind, months, toDate) {
  if (!months.length && !shown(toDate)) return `<p class="small">${esc(t("nodata"))}</p>`;
  const W = widthOf("time"), H = 250, L = 52, R = 20, T = 14, B = 44;
  const target = ind.target;
  const values = [...months, toDate].filter(shown).flatMap((c) => [c.value, c.ci_low ?? c.value, c.ci_high ?? c.value]);
  if (target) values.push(target.value, target.upper ?? target.value);
  const ys = ticks(Math.min(0, ...values), Math.max(1, ...values));
  const lo = ys[0], hi = ys[ys.length - 1];
  const slots = months.length + 1; // the last slot is the programme to date
  const x = (i) => L + (W - L - R) * (i + 0.5) / slots;
  const y = (v) => T + (H - T - B) * (hi - v) / (hi - lo || 1);
  const parts = ys.map((v) => `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"></line>` +
    `<text class="axis" x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${esc(fmt(v))}</text>`);
  if (target) {
    const cmp = ind.direction === "down" ? "<" : "≥";
    if (target.upper) parts.push(`<rect class="target-band" x="${L}" width="${W - L - R}" y="${y(target.upper)}" height="${y(target.value) - y(target.upper)}"></rect>`);
    parts.push(`<line class="target" x1="${L}" x2="${W - R}" y1="${y(target.value)}" y2="${y(target.value)}"></line>` +
      `<text class="target-label" x="${W - R}" y="${y(target.upper ?? target.value) - 5}" text-anchor="end">${esc(t("target"))} ${cmp} ${esc(fmt(target.value))}${target.upper ? "–" + esc(fmt(target.upper)) : ""}</text>`);
  }
  const every = Math.ceil(months.length / Math.floor((W - L - R) / 80));
  let run = [];
  const lines = [];
  months.forEach((c, i) => {
    if (i % every === 0) parts.push(`<text class="axis" x="${x(i)}" y="${H - B + 16}" text-anchor="middle">${esc(monthName(c.period))}</text>`);
    if (shown(c)) run.push(`${x(i)},${y(c.value)}`); else { if (run.length) lines.push(run); run = []; }
  });
  if (run.length) lines.push(run);
  lines.forEach((pts) => parts.push(`<polyline class="series" points="${pts.join(" ")}"></polyline>`));
  const whisker = (cx, c) => (shown(c) && c.ci_low !== null && c.ci_low !== undefined
    ? `<line class="ci" x1="${cx}" x2="${cx}" y1="${y(c.ci_low)}" y2="${y(c.ci_high)}"></line>` +
      `<line class="ci" x1="${cx - 4}" x2="${cx + 4}" y1="${y(c.ci_low)}" y2="${y(c.ci_low)}"></line>` +
      `<line class="ci" x1="${cx - 4}" x2="${cx + 4}" y1="${y(c.ci_high)}" y2="${y(c.ci_high)}"></line>` : "");
  months.forEach((c, i) => {
    parts.push(whisker(x(i), c));
    parts.push(shown(c)
      ? `<circle class="point" cx="${x(i)}" cy="${y(c.value)}" r="3.5"><title>${esc(monthName(c.period))}: ${esc(withCi(c))}</title></circle>`
      : `<text class="gap" x="${x(i)}" y="${y(lo) - 4}" text-anchor="middle">×<title>${esc(monthName(c.period))}: ${esc(t("hidden"))}</title></text>`);
  });
  const last = months.length;
  parts.push(`<line class="divider" x1="${x(last) - (W - L - R) / slots / 2}" x2="${x(last) - (W - L - R) / slots / 2}" y1="${T}" y2="${H - B}"></line>`);
  parts.push(`<text class="axis" x="${x(last)}" y="${H - B + 16}" text-anchor="middle">${esc(t("toDate"))}</text>`);
  if (shown(toDate)) {
    parts.push(whisker(x(last), toDate));
    parts.push(`<path class="to-date" d="M${x(last)} ${y(toDate.value) - 6}l6 6l-6 6l-6 -6z"><title>${esc(t("toDate"))}: ${esc(withCi(toDate))}</title></path>` +
      `<text class="value-label" x="${x(last) - 9}" y="${y(toDate.value) + 4}" text-anchor="end">${esc(fmt(toDate.value))}</text>`);
  }
  const legend = `<text class="legend" x="${L}" y="${H - 8}">— ${esc(t("perMonth"))}   ◆ ${esc(t("toDate"))}${target ? "   - - " + esc(t("target")) : ""}</text>`;
  const summary = `${ind.title[lang]} (${unit(ind.unit)}): ` + months.map((c) => `${monthName(c.period)} ${withCi(c)}`).join("; ") +
    `; ${t("toDate")} ${withCi(toDate || {})}` + (target ? `; ${t("target")} ${fmt(target.value)}` : "");
  const table = dataTable([t("month"), t("value")], [...months.map((c) => [monthName(c.period), withCi(c)]), [t("toDate"), withCi(toDate || {})]]);
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(summary)}">${parts.join("")}${legend}</svg>${table}`;
}

// Locals and migrants side by side, for every country and all of them.
function groupChart(cells, keys) {
  const cell = (k, g) => cells.find((c) => (c.country ?? "all") === k && c.group === g);
  const W = widthOf("groups"), H = 244, L = 52, R = 12, T = 14, B = 62;
  const values = cells.filter(shown).flatMap((c) => [c.value, c.ci_low ?? c.value, c.ci_high ?? c.value]);
  const ys = ticks(Math.min(0, ...values), Math.max(1, ...values));
  const lo = ys[0], hi = ys[ys.length - 1];
  const y = (v) => T + (H - T - B) * (hi - v) / (hi - lo || 1);
  const band = (W - L - R) / keys.length, bw = band * 0.32;
  const parts = ys.map((v) => `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"></line>` +
    `<text class="axis" x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${esc(fmt(v))}</text>`);
  const rows = [];
  keys.forEach((k, i) => {
    const name = k === "all" ? t("allCountries") : t(k);
    const cx = L + band * (i + 0.5); // a word a line: the bands are narrow on a phone
    parts.push(`<text class="axis" x="${cx}" y="${H - B + 16}" text-anchor="middle">${name.split(" ").map((w, n) => `<tspan x="${cx}" dy="${n ? 13 : 0}">${esc(w)}</tspan>`).join("")}</text>`);
    const row = [name];
    ["local", "migrant"].forEach((g, j) => {
      const c = cell(k, g);
      const bx = L + band * i + band / 2 - bw + j * bw;
      row.push(c ? withCi(c) : "–");
      if (!shown(c)) {
        parts.push(`<text class="gap" x="${bx + bw / 2}" y="${y(lo) - 4}" text-anchor="middle">×<title>${esc(name)}, ${esc(t(g))}: ${esc(c ? t("hidden") : "–")}</title></text>`);
        return;
      }
      const top = y(Math.max(0, c.value)), bottom = y(Math.min(0, c.value));
      parts.push(`<rect class="bar-${g}" x="${bx + 1}" y="${top}" width="${bw - 2}" height="${Math.max(1, bottom - top)}"><title>${esc(name)}, ${esc(t(g))}: ${esc(withCi(c))}</title></rect>`);
      if (c.ci_low !== null && c.ci_low !== undefined) {
        const cx = bx + bw / 2;
        parts.push(`<line class="ci" x1="${cx}" x2="${cx}" y1="${y(c.ci_low)}" y2="${y(c.ci_high)}"></line>` +
          `<line class="ci" x1="${cx - 4}" x2="${cx + 4}" y1="${y(c.ci_low)}" y2="${y(c.ci_low)}"></line>` +
          `<line class="ci" x1="${cx - 4}" x2="${cx + 4}" y1="${y(c.ci_high)}" y2="${y(c.ci_high)}"></line>`);
      }
    });
    rows.push(row);
  });
  parts.push(`<rect class="bar-local" x="${L}" y="${H - 20}" width="12" height="12"></rect><text class="legend" x="${L + 16}" y="${H - 10}">${esc(t("local"))}</text>` +
    `<rect class="bar-migrant" x="${L + 120}" y="${H - 20}" width="12" height="12"></rect><text class="legend" x="${L + 136}" y="${H - 10}">${esc(t("migrant"))}</text>`);
  const summary = rows.map((r) => `${r[0]}: ${t("local")} ${r[1]}, ${t("migrant")} ${r[2]}`).join("; ");
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(summary)}">${parts.join("")}</svg>` +
    dataTable([t("country"), t("local"), t("migrant")], rows);
}

function tiles(ind, cells, total) {
  return PARTNERS.map((p) => p.slice(0, 2)).map((k) => {
    const c = cells.find((x) => x.country === k);
    const share = shown(c) && shown(total) && total.value > 0 && ind.formula.kind.startsWith("count")
      ? `<div class="small">${fmt(Math.round(100 * c.value / total.value))}% ${esc(t("ofTotal"))}</div>` : "";
    const here = partner && partner.startsWith(k) ? ' aria-current="true"' : "";
    const value = shown(c) ? `<span class="value">${esc(fmt(c.value))}</span>` : `<span class="small">${esc(c ? t("hidden") : "–")}</span>`;
    const ci = shown(c) && c.ci_low !== null && c.ci_low !== undefined ? `<div class="small">${esc(t("ci"))}: ${fmt(c.ci_low)} – ${fmt(c.ci_high)}</div>` : "";
    return `<li class="tile tile-${k}"${here}><h3>${esc(t(k))}</h3>${value} <span class="unit">${esc(unit(ind.unit))}</span>${ci}${share}</li>`;
  }).join("");
}

async function renderCharts() {
  const id = $("pick").value || "participants-registered";
  const ind = catalogue.find((i) => i.id === id);
  const scoped = partner && ind.disaggregations.includes("partner");
  const mine = (cells) => (scoped ? cells.filter((c) => c.partner === partner) : cells);
  const scope = scoped ? "&by=partner" : "";
  $("csv").href = `/v1/indicators/${id}.csv?period=month${scope}`;
  $("meta").href = `/v1/indicators/${id}.metadata.json`;
  $("time-unit").textContent = `(${unit(ind.unit)})`;
  const time = await json(`/v1/indicators/${id}?period=month${scope}`);
  $("release").textContent = time.release ? `${t("release")} ${time.release.number}, ${new Date(time.release.published_at).toLocaleString(locale())}` : "";
  const total = scoped ? mine((await json(`/v1/indicators/${id}?by=partner`)).cells)[0]
    : figures.find((f) => f.id === id);
  $("time").innerHTML = lineChart(ind, mine(time.cells), total);
  const countries = (await json(`/v1/indicators/${id}?by=country`)).cells;
  $("tiles").innerHTML = tiles(ind, countries.filter((c) => c.country !== "all"), countries.find((c) => c.country === "all"));
  if (!ind.disaggregations.includes("group")) {
    $("groups").innerHTML = `<p class="small">${esc(t(["locals-reached", "migrants-reached", "migrants-leading-roles"].includes(id) ? "oneGroup" : "noGroup"))}</p>`;
  } else {
    const by = scoped ? "partner,group" : "country,group";
    const cells = (await json(`/v1/indicators/${id}?by=${by}`)).cells;
    const rows = scoped ? mine(cells).map((c) => ({ ...c, country: partner.slice(0, 2) })) : cells;
    $("groups").innerHTML = groupChart(rows, scoped ? [partner.slice(0, 2)] : ["all", ...PARTNERS.map((p) => p.slice(0, 2))]);
  }
  const src = `${location.origin}/v1/indicators/${id}.html?lang=${lang}${scoped ? "&by=partner" : ""}`;
  $("embed-code").value = `<iframe src="${src}" title="${esc(ind.title[lang])}" width="100%" height="420" style="border:0"></iframe>`;
  $("time").dataset.shown = id; // every chart of this indicator is drawn (tests wait for it)
}

async function renderEditions() {
  const listed = (await json("/v1/editions")).editions.slice(0, 3);
  $("editions").innerHTML = listed.length ? listed.map((e) => `<li><a href="${esc(e.download)}">${esc(t("edition"))} ${e.number} (${esc(new Date(e.published_at).toLocaleDateString(locale()))}, ZIP)</a>` +
    ` <span class="small">${esc(t("checksum"))}: <code>${esc(e.sha256)}</code></span><br><span class="small">${esc(t("cite"))}: ${esc(e.citation)}</span></li>`).join("")
    : `<li class="small">${esc(t("noEditions"))}</li>`;
}

async function refresh(progress) {
  figures = progress.indicators;
  await renderCards(progress);
  $("citation").textContent = progress.citation;
  $("updated").textContent = new Date(progress.last_updated).toLocaleString(lang === "sr" ? "sr-Latn" : lang);
  $("updated").setAttribute("datetime", progress.last_updated);
  $("live").textContent = `${t("live")} ${new Date().toLocaleTimeString(lang === "sr" ? "sr-Latn" : lang)}`;
  await renderCharts();
  await renderEditions();
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
