# R's ets CPU per series, for the forecast bench: `Rscript r-ets.R INPUT.csv` with header
# `set,series_id,season,horizon,t,value`; prints `set,series,cpu_seconds` per set.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1], stringsAsFactors = FALSE)
for (set in unique(data$set)) {
  rows <- data[data$set == set, ]
  ids <- unique(rows$series_id)
  cpu <- 0
  for (id in ids) {
    s <- rows[rows$series_id == id, ]
    x <- ts(s$value[order(s$t)], frequency = s$season[1])
    started <- proc.time()
    f <- suppressWarnings(forecast(ets(x), h = s$horizon[1]))
    used <- proc.time() - started
    cpu <- cpu + used[["user.self"]] + used[["sys.self"]]
  }
  cat(sprintf("%s,%d,%.6f\n", set, length(ids), cpu))
}
