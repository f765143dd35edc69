FROM debian:12
CMD /app --name '<a&b>' "say \"hi\""
