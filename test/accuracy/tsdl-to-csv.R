# Writes the Time Series Data Library's series of one frequency as a set in the shared format
# (<prefix>_train.csv, _test.csv, _meta.csv; see ../shared/data/README.md), the last `horizon`
# values of each series held out as its test tail, to score the engine on real series nobody tuned
# to: `npx tsx test/accuracy/engine-report.ts --held-back <prefix>`.
#
#   Rscript test/accuracy/tsdl-to-csv.R <tsdl.rda> <frequency> <horizon> <shortest history> <prefix>
#
# tsdl.rda is the data of the tsdl R package (github.com/FinYang/tsdl, data/): 648 series from
# Hyndman's Time Series Data Library. Kept: univariate series of that frequency, strictly positive
# (sMAPE and the multiplicative forms need it, as in the M competitions), without missing values,
# with at least `shortest history` values before the tail and three distinct values in them.
# Series ids are T and the series' position in the library.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) stop("usage: Rscript tsdl-to-csv.R <tsdl.rda> <frequency> <horizon> <shortest history> <prefix>")
library_ <- get(load(args[1])[1])
frequency_ <- as.numeric(args[2])
h <- as.integer(args[3])
shortest <- as.integer(args[4])
prefix <- args[5]
kept <- Filter(Negate(is.null), lapply(seq_along(library_), function(i) {
  s <- library_[[i]]
  if (!is.null(dim(s)) && ncol(s) > 1) return(NULL)
  if (frequency(s) != frequency_) return(NULL)
  v <- as.numeric(s)
  n <- length(v) - h
  if (any(is.na(v)) || any(v <= 0) || n < shortest || length(unique(v[1:n])) < 3) return(NULL)
  list(id = sprintf("T%03d", i), v = v, n = n)
}))
if (length(kept) == 0) stop(sprintf("no series of frequency %s with %d values before a tail of %d", args[2], shortest, h))
part <- function(from, to) do.call(rbind, lapply(kept, function(s) {
  t <- seq(from(s), to(s))
  data.frame(series_id = s$id, t = t, value = s$v[t])
}))
write.csv(part(function(s) 1, function(s) s$n), paste0(prefix, "_train.csv"), row.names = FALSE, quote = FALSE)
write.csv(part(function(s) s$n + 1, function(s) s$n + h), paste0(prefix, "_test.csv"), row.names = FALSE, quote = FALSE)
meta <- data.frame(series_id = sapply(kept, `[[`, "id"), frequency = frequency_, horizon = h, type = "TSDL")
write.csv(meta, paste0(prefix, "_meta.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("%d series of frequency %s written to %s_{train,test,meta}.csv\n", length(kept), args[2], prefix))
