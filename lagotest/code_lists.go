package lagotest

import (
	"slices"
	"strings"
)

// The code lists Lago validates customers and list filters against. They
// are wider than the published description's enums: the countries include
// XK, the currencies BHD, IRR, JOD and KWD, and the time zones use the
// current names Europe/Kyiv, Asia/Yangon and America/Nuuk.
var (
	countryCodes  = words(countryList)
	currencyCodes = words(currencyList)
	timezoneNames = words(timezoneList)
)

// words splits a list written one or more names to a line and sorts it
// for binary search.
func words(list string) []string {
	w := strings.Fields(list)
	slices.Sort(w)
	return w
}

func isIn(sorted []string, s string) bool {
	_, ok := slices.BinarySearch(sorted, s)
	return ok
}

// ISO 3166-1 alpha-2, with XK.
const countryList = `
	AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE
	BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD
	CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
	DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF
	GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU
	ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
	KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
	MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
	NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
	PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
	SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
	TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
	VN VU WF WS XK YE YT ZA ZM ZW
`

// ISO 4217, as Lago accepts them.
const currencyList = `
	AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL
	BSD BWP BYN BZD CAD CDF CHF CLF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ETB
	EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR
	ISK JMD JOD JPY KES KGS KHR KMF KRW KWD KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA
	MKD MMK MNT MOP MRO MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK
	PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SEK SGD SHP SLL SOS SRD STD SZL
	THB TJS TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VND VUV WST XAF XCD XOF XPF YER
	ZAR ZMW
`

// IANA names: Rails' time zone mapping with Lago's three renames.
const timezoneList = `
	UTC
	Africa/Algiers
	Africa/Cairo
	Africa/Casablanca
	Africa/Harare
	Africa/Johannesburg
	Africa/Monrovia
	Africa/Nairobi
	America/Argentina/Buenos_Aires
	America/Bogota
	America/Caracas
	America/Chicago
	America/Chihuahua
	America/Denver
	America/Guatemala
	America/Guyana
	America/Halifax
	America/Indiana/Indianapolis
	America/Juneau
	America/La_Paz
	America/Lima
	America/Los_Angeles
	America/Mazatlan
	America/Mexico_City
	America/Monterrey
	America/Montevideo
	America/New_York
	America/Nuuk
	America/Phoenix
	America/Puerto_Rico
	America/Regina
	America/Santiago
	America/Sao_Paulo
	America/St_Johns
	America/Tijuana
	Asia/Almaty
	Asia/Baghdad
	Asia/Baku
	Asia/Bangkok
	Asia/Chongqing
	Asia/Colombo
	Asia/Dhaka
	Asia/Hong_Kong
	Asia/Irkutsk
	Asia/Jakarta
	Asia/Jerusalem
	Asia/Kabul
	Asia/Kamchatka
	Asia/Karachi
	Asia/Kathmandu
	Asia/Kolkata
	Asia/Krasnoyarsk
	Asia/Kuala_Lumpur
	Asia/Kuwait
	Asia/Magadan
	Asia/Muscat
	Asia/Novosibirsk
	Asia/Riyadh
	Asia/Seoul
	Asia/Shanghai
	Asia/Singapore
	Asia/Srednekolymsk
	Asia/Taipei
	Asia/Tashkent
	Asia/Tbilisi
	Asia/Tehran
	Asia/Tokyo
	Asia/Ulaanbaatar
	Asia/Urumqi
	Asia/Vladivostok
	Asia/Yakutsk
	Asia/Yangon
	Asia/Yekaterinburg
	Asia/Yerevan
	Atlantic/Azores
	Atlantic/Cape_Verde
	Atlantic/South_Georgia
	Australia/Adelaide
	Australia/Brisbane
	Australia/Darwin
	Australia/Hobart
	Australia/Melbourne
	Australia/Perth
	Australia/Sydney
	Europe/Amsterdam
	Europe/Athens
	Europe/Belgrade
	Europe/Berlin
	Europe/Bratislava
	Europe/Brussels
	Europe/Bucharest
	Europe/Budapest
	Europe/Copenhagen
	Europe/Dublin
	Europe/Helsinki
	Europe/Istanbul
	Europe/Kaliningrad
	Europe/Kyiv
	Europe/Lisbon
	Europe/Ljubljana
	Europe/London
	Europe/Madrid
	Europe/Minsk
	Europe/Moscow
	Europe/Paris
	Europe/Prague
	Europe/Riga
	Europe/Rome
	Europe/Samara
	Europe/Sarajevo
	Europe/Skopje
	Europe/Sofia
	Europe/Stockholm
	Europe/Tallinn
	Europe/Vienna
	Europe/Vilnius
	Europe/Volgograd
	Europe/Warsaw
	Europe/Zagreb
	Europe/Zurich
	GMT+12
	Pacific/Apia
	Pacific/Auckland
	Pacific/Chatham
	Pacific/Fakaofo
	Pacific/Fiji
	Pacific/Guadalcanal
	Pacific/Guam
	Pacific/Honolulu
	Pacific/Majuro
	Pacific/Midway
	Pacific/Noumea
	Pacific/Pago_Pago
	Pacific/Port_Moresby
	Pacific/Tongatapu
`
