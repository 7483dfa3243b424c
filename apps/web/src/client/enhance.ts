/**
 * Progressive enhancement for the dashboard, loaded with `defer` and never needed: it draws each indicator's chart
 * with Chart.js from the numbers in the figure's own server-rendered table (so chart and table cannot disagree), and
 * turns the partner's delivery form into one that streams the file to the delivery route with a progress bar and
 * follows the delivery live in place.
 */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js"

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip)

// Municipalities get colours; the region, the Netherlands and the target are told apart by colour and by dash and
// marker too, so they stay distinct in grey print and for readers who do not see the colours.
const palette = ["#1a4f99", "#2e7d32", "#6a1b9a", "#8a5a00", "#00695c", "#ad1457", "#5d4037", "#0277bd", "#4a148c"]

type PointStyle = "circle" | "rect" | "triangle" | "crossRot"

const styleOf = (kind: string, i: number) => {
  switch (kind) {
    case "region":
      return { colour: "#000000", width: 3.5, dash: [] as Array<number>, point: "rect" as PointStyle, radius: 4.5 }
    case "benchmark":
      return { colour: "#6b6b6b", width: 2.5, dash: [8, 4], point: "triangle" as PointStyle, radius: 5 }
    case "target":
      return { colour: "#c71e1d", width: 2, dash: [2, 4], point: "crossRot" as PointStyle, radius: 8 }
    default:
      return {
        colour: palette[i % palette.length] ?? "#1a4f99",
        width: 1.5,
        dash: [] as Array<number>,
        point: "circle" as PointStyle,
        radius: 2.5,
      }
  }
}

/** Writes "Streefwaarde" beside each target point, so the target reads as a target and not as one more line. */
const targetLabels = {
  id: "bakenTargetLabels",
  afterDatasetsDraw: (chart: Chart) => {
    const { ctx } = chart
    chart.data.datasets.forEach((dataset, i) => {
      if ((dataset as { bakenKind?: string }).bakenKind !== "target" || !chart.isDatasetVisible(i)) return
      ctx.save()
      ctx.fillStyle = "#c71e1d"
      ctx.font = "bold 12px sans-serif"
      ctx.textBaseline = "bottom"
      const values = dataset.data as ReadonlyArray<number | null>
      for (const [j, point] of chart.getDatasetMeta(i).data.entries()) {
        if (values[j] === null || values[j] === undefined || Number.isNaN(point.y)) continue
        const right = point.x + 90 > chart.chartArea.right
        ctx.textAlign = right ? "right" : "left"
        ctx.fillText("Streefwaarde", point.x + (right ? -8 : 8), point.y - 6)
      }
      ctx.restore()
    })
  },
}

const drawChart = (holder: HTMLElement): void => {
  const table = document.getElementById(holder.dataset.chartFor ?? "")
  if (!(table instanceof HTMLTableElement)) return
  const labels = [...table.querySelectorAll("thead th")].slice(1).map((th) => th.textContent ?? "")
  let municipalities = 0
  const datasets = [...table.querySelectorAll<HTMLTableRowElement>("tbody tr")].map((tr) => {
    const kind = tr.dataset.kind ?? "municipality"
    const data = [...tr.querySelectorAll<HTMLElement>("[data-value]")].map((td) =>
      td.dataset.value === "" || td.dataset.value === undefined ? null : Number(td.dataset.value),
    )
    const style = styleOf(kind, kind === "municipality" ? municipalities++ : 0)
    return {
      label: kind === "target" ? "Streefwaarde" : (tr.dataset.label ?? ""),
      bakenKind: kind,
      data,
      borderColor: style.colour,
      backgroundColor: style.colour,
      borderWidth: style.width,
      borderDash: style.dash,
      pointRadius: style.radius,
      pointHoverRadius: style.radius + 2,
      pointStyle: style.point,
      pointBorderWidth: kind === "target" ? 3 : 1,
      // A target is a line between its own points; a measured series breaks where a figure is hidden or missing.
      spanGaps: kind === "target",
      order: kind === "municipality" ? 2 : 1,
    }
  })
  const canvas = document.createElement("canvas")
  canvas.setAttribute("aria-hidden", "true")
  holder.append(canvas)
  new Chart(canvas, {
    type: "line",
    // A row without a single figure in these years (a target for a later year) is left out of the chart's legend.
    data: { labels, datasets: datasets.filter((d) => d.data.some((v) => v !== null)) },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { position: "bottom", labels: { usePointStyle: true, pointStyleWidth: 16, boxHeight: 8, padding: 12 } },
      },
      scales: {
        y: {
          beginAtZero: true,
          // Room above the highest point, so a target at the top is not drawn on the chart's edge.
          grace: "10%",
          title: { display: holder.dataset.unit !== "", text: holder.dataset.unit ?? "" },
        },
      },
      locale: "nl-NL",
    },
    plugins: [targetLabels],
  })
  holder.dataset.drawn = "true"
}

/** A delivery's status in Dutch, as the server's pages write it. */
const statusNl: Readonly<Record<string, string>> = {
  queued: "In de wachtrij",
  running: "Bezig",
  stored: "Opgeslagen",
  refused: "Geweigerd",
}

const countNl = new Intl.NumberFormat("nl-NL")

/** The Dutch sentence for a refused delivery request, by status, with the server's own (Dutch) reason when given. */
const refusalOf = (status: number, body: string): string => {
  if (status === 401) return "U bent niet (meer) ingelogd. Log opnieuw in en lever het bestand dan opnieuw."
  if (status === 429) return "Er zijn te veel verzoeken gedaan. Wacht een minuut en probeer het opnieuw."
  if (status >= 500 && status !== 503) return "Er ging iets mis aan onze kant. Probeer het later opnieuw."
  try {
    const message = (JSON.parse(body) as { error?: { message?: string } }).error?.message
    if (typeof message === "string" && message !== "") return message.replace(/^adapter: /, "")
  } catch {
    // not JSON: the sentence below
  }
  return "Het bestand is niet aangenomen. Probeer het opnieuw."
}

/**
 * Streams the chosen file to the delivery route with the session (an upload progress bar while it goes), then
 * follows the job: the status and counts from `GET <route>/<id>` while it is read, and when it is done the server's
 * own rendering of the result (`/partner/leveringen/<id>`), so the page shows what the no-script page shows; then
 * the delivery list, fetched again from the partner page, so the new delivery is in it.
 */
const enhanceUpload = (form: HTMLFormElement, route: string): void => {
  const bar = form.querySelector<HTMLProgressElement>("progress")
  const box = form.querySelector<HTMLElement>(".baken-upload-progress")
  const place = document.getElementById("resultaat-plek")
  const input = form.querySelector<HTMLInputElement>("#bestand")
  const adapter = form.querySelector<HTMLSelectElement>("#adapter")
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]")
  if (bar === null || box === null || place === null || input === null || adapter === null) return
  const say = (text: string): void => {
    const p = document.createElement("p")
    p.className = "utrecht-paragraph"
    p.setAttribute("role", "alert")
    p.textContent = text
    place.replaceChildren(p)
  }
  const showJob = async (id: string): Promise<boolean> => {
    const res = await fetch(`/partner/leveringen/${encodeURIComponent(id)}`, {
      headers: { "x-baken-fragment": "1" },
      credentials: "same-origin",
    })
    if (!res.ok) return false
    place.innerHTML = await res.text()
    return true
  }
  const finished = (): boolean => {
    const done = place.querySelector<HTMLElement>("#resultaat")
    if (done === null || (done.dataset.status !== "stored" && done.dataset.status !== "refused")) return false
    done.focus()
    return true
  }
  // The delivery list as the server renders it now (the new delivery on top), in place of the one on the page.
  const refreshList = async (): Promise<void> => {
    const list = document.getElementById("leveringen-lijst")
    if (list === null) return
    const res = await fetch("/partner", { credentials: "same-origin", cache: "no-store" })
    if (!res.ok) return
    const fresh = new DOMParser().parseFromString(await res.text(), "text/html").getElementById("leveringen-lijst")
    if (fresh === null) return
    list.replaceWith(document.importNode(fresh, true))
  }
  const follow = async (id: string): Promise<void> => {
    await followJob(id)
    if (finished()) await refreshList()
  }
  const followJob = async (id: string): Promise<void> => {
    while (!finished()) {
      await new Promise((resolve) => setTimeout(resolve, 500))
      const res = await fetch(`${route}/${encodeURIComponent(id)}`, {
        headers: { "x-baken-session": "1" },
        credentials: "same-origin",
        cache: "no-store",
      })
      if (!res.ok) {
        say(refusalOf(res.status, await res.text()))
        return
      }
      const job = (await res.json()) as {
        status: string
        progress: { read: number; accepted: number; rejected: number }
      }
      const section = place.querySelector<HTMLElement>("#resultaat")
      if (job.status === "stored" || job.status === "refused" || section === null) {
        if (!(await showJob(id))) {
          say("De voortgang kon niet worden opgehaald. Ververs de pagina om de levering te zien.")
          return
        }
        continue
      }
      section.dataset.status = job.status
      const set = (field: string, text: string) => {
        const el = section.querySelector<HTMLElement>(`[data-veld="${field}"]`)
        if (el !== null && el.textContent !== text) el.textContent = text
      }
      set("status", statusNl[job.status] ?? job.status)
      set("read", countNl.format(job.progress.read))
      set("accepted", countNl.format(job.progress.accepted))
      set("rejected", countNl.format(job.progress.rejected))
    }
  }
  form.addEventListener("submit", (event) => {
    const file = input.files?.[0]
    if (file === undefined) return
    event.preventDefault()
    const query = new URLSearchParams({ adapter: adapter.value, name: file.name })
    const xhr = new XMLHttpRequest()
    xhr.open("POST", `${route}?${query.toString()}`)
    xhr.setRequestHeader("x-baken-session", "1")
    // The session's CSRF token, from the form's hidden field: the delivery route refuses a session without it.
    const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value
    if (csrf !== undefined) xhr.setRequestHeader("x-csrf-token", csrf)
    xhr.setRequestHeader("content-type", "application/octet-stream")
    box.hidden = false
    bar.value = 0
    if (button !== null) button.disabled = true
    place.replaceChildren()
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100)
    })
    xhr.addEventListener("load", () => {
      if (button !== null) button.disabled = false
      if (xhr.status !== 202) {
        say(refusalOf(xhr.status, xhr.responseText))
        return
      }
      bar.value = 100
      const { id } = JSON.parse(xhr.responseText) as { id: string }
      void showJob(id)
        .then(() => follow(id))
        .catch(() => say("De voortgang kon niet worden opgehaald. Ververs de pagina om de levering te zien."))
    })
    xhr.addEventListener("error", () => {
      if (button !== null) button.disabled = false
      say("Het uploaden is mislukt. Controleer de verbinding en probeer het opnieuw.")
    })
    xhr.send(file)
  })
}

const start = (): void => {
  for (const holder of document.querySelectorAll<HTMLElement>("[data-chart-for]")) drawChart(holder)
  const form = document.getElementById("leverformulier")
  const route = form?.dataset.route
  if (form instanceof HTMLFormElement && route !== undefined && route !== "") enhanceUpload(form, route)
  document.documentElement.dataset.enhanced = "true"
}

start()
