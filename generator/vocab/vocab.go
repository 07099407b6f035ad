package vocab

import "slices"

// TopicID names one leaflet topic. The set is fixed in code because every
// topic needs vetted text in every locale; a new topic is a content change
// that goes through the translators.
type TopicID string

// The leaflet topics.
const (
	TopicViolence         TopicID = "vald"              // adults subjected to violence in a close relationship
	TopicViolenceUser     TopicID = "vald-utovare"      // people who use violence, or fear they will
	TopicViolenceChildren TopicID = "vald-barn"         // children who have experienced violence at home
	TopicViolenceYoung    TopicID = "vald-unga"         // young people (13–20) subjected to violence
	TopicHonour           TopicID = "heder"             // honour-related violence and oppression
	TopicParentingSupport TopicID = "foraldraskapsstod" // parenting support
)

// Topics lists every topic in the order the form and the CLI present them.
func Topics() []TopicID {
	return []TopicID{TopicViolence, TopicViolenceUser, TopicViolenceChildren,
		TopicViolenceYoung, TopicHonour, TopicParentingSupport}
}

// ParseTopic returns the topic named s and whether it is known.
func ParseTopic(s string) (TopicID, bool) {
	t := TopicID(s)
	return t, slices.Contains(Topics(), t)
}

// Role is the kind of a municipality's own contact. Each role's label is
// vetted text in every locale (message "role.<role>").
type Role string

// The contact roles a municipality can fill in.
const (
	RoleSocialServices    Role = "social_services"
	RoleSocialEmergency   Role = "social_emergency"
	RoleWomensShelter     Role = "womens_shelter"
	RoleYouthShelter      Role = "youth_shelter"
	RoleParentingSupport  Role = "parenting_support"
	RoleFamilyCounselling Role = "family_counselling"
	RolePoliceLocal       Role = "police_local"
	RoleHealthCentre      Role = "health_centre"
	RoleOpenPreschool     Role = "open_preschool"
	RoleMensCentre        Role = "mens_centre"
)

// Roles lists every role in the order a leaflet prints them.
func Roles() []Role {
	return []Role{RoleSocialServices, RoleSocialEmergency, RoleWomensShelter,
		RoleYouthShelter, RoleMensCentre, RoleParentingSupport, RoleOpenPreschool,
		RoleFamilyCounselling, RolePoliceLocal, RoleHealthCentre}
}

// ParseRole returns the role named s and whether it is known.
func ParseRole(s string) (Role, bool) {
	r := Role(s)
	return r, slices.Contains(Roles(), r)
}

// Direction is the base direction of a paragraph or document.
type Direction string

// Text directions.
const (
	LTR Direction = "ltr"
	RTL Direction = "rtl"
)

// Paper is a trim size.
type Paper string

// Paper sizes.
const (
	A4 Paper = "a4"
	A5 Paper = "a5"
)

// ParsePaper returns the paper named s and whether it is known.
func ParsePaper(s string) (Paper, bool) {
	p := Paper(s)
	return p, p == A4 || p == A5
}

// SizeMM returns the trim width and height in millimetres.
func (p Paper) SizeMM() (w, h float64) {
	if p == A5 {
		return 148, 210
	}
	return 210, 297
}

// Format is an output file format.
type Format string

// Output formats.
const (
	HTML Format = "html"
	PDF  Format = "pdf"
)

// ParseFormat returns the format named s and whether it is known.
func ParseFormat(s string) (Format, bool) {
	f := Format(s)
	return f, f == HTML || f == PDF
}
