/**
 * Progressive enhancement for the dashboard, loaded with `defer` and never needed: it draws each indicator's chart
 * with Chart.js from the numbers in the figure's own server-rendered table (so chart and table cannot disagree), and
 * turns the partner's upload form into one with a progress bar and an in-place result.
 */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js"

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip)

const palette = ["#1a4f99", "#c71e1d", "#2e7d32", "#6a1b9a", "#8a5a00", "#00695c", "#ad1457", "#37474f", "#5d4037"]

const drawChart = (holder: HTMLElement): void => {
  const table = document.getElementById(holder.dataset.chartFor ?? "")
  if (!(table instanceof HTMLTableElement)) return
  const labels = [...table.querySelectorAll("thead th")].slice(1).map((th) => th.textContent ?? "")
  const datasets = [...table.querySelectorAll<HTMLTableRowElement>("tbody tr")].map((tr, i) => {
    const kind = tr.dataset.kind ?? "municipality"
    const data = [...tr.querySelectorAll<HTMLElement>("[data-value]")].map((td) =>
      td.dataset.value === "" || td.dataset.value === undefined ? null : Number(td.dataset.value),
    )
    const colour =
      kind === "region"
        ? "#000000"
        : kind === "target"
          ? "#c71e1d"
          : kind === "benchmark"
            ? "#555555"
            : (palette[i % palette.length] ?? "#1a4f99")
    return {
      label: tr.dataset.label ?? "",
      data,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: kind === "municipality" ? 1.5 : 3,
      borderDash: kind === "benchmark" ? [6, 4] : [],
      pointRadius: kind === "target" ? 7 : 3,
      pointStyle: kind === "target" ? ("crossRot" as const) : ("circle" as const),
      spanGaps: false,
    }
  })
  const canvas = document.createElement("canvas")
  canvas.setAttribute("aria-hidden", "true")
  holder.append(canvas)
  new Chart(canvas, {
    type: "line",
    data: { labels, datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      scales: { y: { title: { display: holder.dataset.unit !== "", text: holder.dataset.unit ?? "" } } },
      locale: "nl-NL",
    },
  })
  holder.dataset.drawn = "true"
}

const enhanceUpload = (form: HTMLFormElement): void => {
  const bar = form.querySelector<HTMLProgressElement>("progress")
  const box = form.querySelector<HTMLElement>(".baken-upload-progress")
  const place = document.getElementById("resultaat-plek")
  if (bar === null || box === null || place === null) return
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    const xhr = new XMLHttpRequest()
    xhr.open("POST", form.action)
    xhr.setRequestHeader("x-baken-fragment", "1")
    box.hidden = false
    bar.value = 0
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100)
    })
    xhr.addEventListener("load", () => {
      bar.value = 100
      place.innerHTML = xhr.responseText
      place.querySelector<HTMLElement>("#resultaat")?.focus()
    })
    xhr.addEventListener("error", () => {
      place.textContent = "Het uploaden is mislukt. Probeer het opnieuw."
    })
    xhr.send(new FormData(form))
  })
}

const start = (): void => {
  for (const holder of document.querySelectorAll<HTMLElement>("[data-chart-for]")) drawChart(holder)
  const form = document.getElementById("leverformulier")
  if (form instanceof HTMLFormElement) enhanceUpload(form)
  document.documentElement.dataset.enhanced = "true"
}

start()
