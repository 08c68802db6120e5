# R's own forecasts for a set in the shared format, in the format of ../shared/data/reference
# (series_id,h,point,lo95,hi95), for sets that have none there:
#
#   Rscript test/accuracy/r-reference.R <prefix> <ets|arima|theta>   # writes <prefix>_<method>.csv.gz
#
# The methods as the data README's anchors ran them: forecast(ets(x)), forecast(auto.arima(x)) and
# thetaf(x), R's defaults, 95% bounds. `npx tsx test/accuracy/r-anchors.ts <prefix>` scores them.
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2 || !(args[2] %in% c("ets", "arima", "theta"))) stop("usage: Rscript r-reference.R <prefix> <ets|arima|theta>")
prefix <- args[1]
train <- read.csv(paste0(prefix, "_train.csv"), stringsAsFactors = FALSE)
meta <- read.csv(paste0(prefix, "_meta.csv"), stringsAsFactors = FALSE)
fit <- switch(args[2],
  ets = function(x, h) forecast(ets(x), h = h, level = 95),
  arima = function(x, h) forecast(auto.arima(x), h = h, level = 95),
  theta = function(x, h) thetaf(x, h = h, level = 95))
rows <- lapply(seq_len(nrow(meta)), function(i) {
  s <- train[train$series_id == meta$series_id[i], ]
  x <- ts(s$value[order(s$t)], frequency = meta$frequency[i])
  f <- suppressWarnings(fit(x, meta$horizon[i]))
  data.frame(series_id = meta$series_id[i], h = seq_len(meta$horizon[i]),
             point = as.numeric(f$mean), lo95 = as.numeric(f$lower), hi95 = as.numeric(f$upper))
})
out <- gzfile(paste0(prefix, "_", args[2], ".csv.gz"), "w")
write.csv(do.call(rbind, rows), out, row.names = FALSE, quote = FALSE)
close(out)
