#ifndef CINTEL_CLIBXML2_SHIM_H
#define CINTEL_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#endif
